/** Persistent state behind one interface, on SQLite (default) or PostgreSQL, with Flyway migrations. */
package dev.switchyard.storage;
