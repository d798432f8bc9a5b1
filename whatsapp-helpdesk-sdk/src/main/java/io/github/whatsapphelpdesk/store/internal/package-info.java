/**
 * Implementation of the in-memory stores: the lease-queue engine shared by the inbox (and, later, the
 * outbox). Not API, may change without notice.
 */
package io.github.whatsapphelpdesk.store.internal;
