/**
 * Google's Gemini API ({@code generateContent}, {@code streamGenerateContent}, embeddings) as a
 * protocol: translation between its requests, responses, streams and errors and Switchyard's
 * canonical model, in both directions, and the native {@code /gemini/v1beta} endpoints.
 */
package dev.switchyard.protocol.gemini;
