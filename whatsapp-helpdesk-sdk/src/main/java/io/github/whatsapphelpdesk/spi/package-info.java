/**
 * The helpdesk-neutral SPI: {@link io.github.whatsapphelpdesk.spi.HelpdeskAdapter} and the values it
 * exchanges with the bridge. Implement it to connect a CRM of your own.
 */
package io.github.whatsapphelpdesk.spi;
