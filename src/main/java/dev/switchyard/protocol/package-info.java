/**
 * What every protocol's ingress shares: scanning a JSON request body once (types checked, model
 * located) and editing it in place with byte splices. Each protocol has its own sub-package.
 */
package dev.switchyard.protocol;
