/** Plain JSON answers of the gateway's own endpoints (models, health, admin); below both the server and the admin API. */
package dev.switchyard.http;
