/** Switchyard keys: presenting, hashing, caching and checking them. */
package dev.switchyard.policy.auth;
