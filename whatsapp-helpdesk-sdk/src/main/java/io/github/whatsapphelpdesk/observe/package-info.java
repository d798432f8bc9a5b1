/**
 * One listener seam for everything the SDK observes ({@link io.github.whatsapphelpdesk.observe.SdkListener}),
 * in the style of OkHttp's {@code EventListener}: statistics, metrics and logs hang off it.
 */
package io.github.whatsapphelpdesk.observe;
