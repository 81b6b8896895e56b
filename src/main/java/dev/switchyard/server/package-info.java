/** The HTTP server: Vert.x verticles, routes, health and models endpoints. */
package dev.switchyard.server;
