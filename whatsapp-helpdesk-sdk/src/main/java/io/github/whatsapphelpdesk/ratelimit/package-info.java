/**
 * The outbound limiter: throughput, pair rate, messaging limit, priorities and adaptive backoff. Recipients
 * are keyed by customer id (wa_id or BSUID); token buckets live behind the
 * {@link io.github.whatsapphelpdesk.ratelimit.LimiterBackend} SPI.
 */
package io.github.whatsapphelpdesk.ratelimit;
