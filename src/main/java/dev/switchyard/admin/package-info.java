/** The admin API (master key only): virtual keys. */
package dev.switchyard.admin;
