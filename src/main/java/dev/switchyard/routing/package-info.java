/** Model routing: a requested model name to its ordered plan of targets (the failover order). */
package dev.switchyard.routing;
