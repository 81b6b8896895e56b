/** Model routing: names to ordered target plans, and failover across them. */
package dev.switchyard.routing;
