/** The outbound limiter: throughput, pair rate, messaging limit, priorities and adaptive backoff. */
package io.github.whatsapphelpdesk.ratelimit;
