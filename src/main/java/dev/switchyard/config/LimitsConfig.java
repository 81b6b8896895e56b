package dev.switchyard.config;

import java.time.Duration;

/**
 * The {@code server.limits:} block: what one client, or anyone on the network, may make the gateway
 * hold or do. Each has a default safe for a gateway on an open network; each hit is answered in the
 * client's protocol with the status given here, naming the setting. {@code docs/security.md}
 * explains them.
 *
 * @param requestHeadTimeout a request's head must arrive whole this soon after its connection opens
 *     (or, on a kept-alive connection, after the idle wait ends): else the connection closes (408)
 * @param idleTimeout how long a kept-alive connection may wait for its next request; never cuts a
 *     response in progress
 * @param bodyTimeout the longest silence while a request body arrives (408)
 * @param maxConnections connections open at once; more are answered 503 and closed
 * @param maxSchemaNodes nodes one request's tool schemas may expand to when {@code $ref}s are
 *     inlined for a provider that cannot follow them (400)
 * @param maxMediaUrls images and documents given by URL that the gateway fetches for one request (400)
 * @param maxMediaTotalBytes all such fetches of one request together (413)
 * @param maxStreamEventBytes one event of a provider's stream (502)
 * @param maxStreamDuration a streamed answer's whole length, however steadily bytes trickle (504)
 * @param maxDroppedFields names listed in the {@code x-switchyard-dropped-fields} header; more are counted
 * @param maxPendingKeyLookups key look-ups waiting for the database at once; more are answered 503 at
 *     once (unknown keys are remembered for {@code unknownKeyCacheTtl}, so a flood of made-up keys
 *     does not reach the database)
 * @param unknownKeyCacheTtl how long a key found nowhere is answered 401 without asking the database
 * @param maxAdminBodyBytes a body sent to {@code /admin/...} (413)
 */
public record LimitsConfig(
    Duration requestHeadTimeout,
    Duration idleTimeout,
    Duration bodyTimeout,
    int maxConnections,
    int maxSchemaNodes,
    int maxMediaUrls,
    long maxMediaTotalBytes,
    int maxStreamEventBytes,
    Duration maxStreamDuration,
    int maxDroppedFields,
    int maxPendingKeyLookups,
    Duration unknownKeyCacheTtl,
    int maxAdminBodyBytes) {

  public static final LimitsConfig DEFAULT = new LimitsConfig(
      Duration.ofSeconds(10),
      Duration.ofSeconds(60),
      Duration.ofSeconds(30),
      10_000,
      50_000,
      16,
      64L * 1024 * 1024,
      16 * 1024 * 1024,
      Duration.ofHours(1),
      64,
      512,
      Duration.ofSeconds(30),
      64 * 1024);
}
