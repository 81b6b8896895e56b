/**
 * Images and documents a client gave by URL, for providers that cannot fetch URLs themselves:
 * downloaded by Switchyard only where the operator allows it, within a size and time limit, and
 * never from a private, loopback or link-local address.
 */
package dev.switchyard.media;
