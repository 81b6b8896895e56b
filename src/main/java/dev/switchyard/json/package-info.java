/** The one JSON configuration (Jackson) shared by every package; depends on nothing of Switchyard's. */
package dev.switchyard.json;
