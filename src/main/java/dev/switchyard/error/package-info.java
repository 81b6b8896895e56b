/**
 * The one error vocabulary: {@link dev.switchyard.error.ErrorKind} with its statuses, the
 * {@link dev.switchyard.error.GatewayException} every stage rejects with, and a provider's
 * {@link dev.switchyard.error.UpstreamError}. Depends on nothing of Switchyard's.
 */
package dev.switchyard.error;
