/**
 * Server tests ({@code *IT}, run by failsafe after {@code package}): the official OpenAI Java SDK and
 * plain HTTP clients against a real gateway, with fake upstreams replaying recorded provider
 * traffic. One gateway per class; each test scripts the upstream replies it needs.
 */
package dev.switchyard.it;
