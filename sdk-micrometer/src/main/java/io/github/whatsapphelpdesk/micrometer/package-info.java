/**
 * Micrometer meters for the SDK: {@link io.github.whatsapphelpdesk.micrometer.MicrometerSdkListener} turns
 * the core's {@link io.github.whatsapphelpdesk.observe.SdkListener} callbacks into counters, gauges and
 * timers on a {@code MeterRegistry}. The meters and their tags are listed in {@code docs/metrics.md} and
 * in {@link io.github.whatsapphelpdesk.micrometer.MeterNames}.
 */
package io.github.whatsapphelpdesk.micrometer;
