/** What the gateway's log lines and response headers may hold of a client's text. Depends on nothing. */
package dev.switchyard.logging;
