/** The YAML configuration: strict loading with file/line/key errors, the built-in default, and hot reload. */
package dev.switchyard.config;
