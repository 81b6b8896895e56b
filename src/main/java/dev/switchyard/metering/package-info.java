/** Usage records, one per request, and the hook they are handed to. */
package dev.switchyard.metering;
