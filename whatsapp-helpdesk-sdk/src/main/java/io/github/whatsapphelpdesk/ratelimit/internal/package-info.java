/** Bucket4j glue and internals of the outbound limiter; not API, may change without notice. */
package io.github.whatsapphelpdesk.ratelimit.internal;
