/** Server-Sent Events: cutting byte streams into events without losing their exact bytes. */
package dev.switchyard.sse;
