/**
 * Test kit for the WhatsApp helpdesk SDK: {@link io.github.whatsapphelpdesk.testkit.MutableClock} and,
 * in {@code .sandbox}, an in-process WhatsApp Cloud API sandbox.
 */
package io.github.whatsapphelpdesk.testkit;
