/**
 * Contract tests for the SDK's store SPIs: abstract JUnit 5 classes that any store implementation (in
 * memory, SQL, Redis) extends by supplying a fresh store. Time-based rules (TTLs, retention, leases) run
 * on a {@link io.github.whatsapphelpdesk.testkit.MutableClock}, never by sleeping; races start their
 * threads behind one barrier.
 */
package io.github.whatsapphelpdesk.testkit.contract.store;
