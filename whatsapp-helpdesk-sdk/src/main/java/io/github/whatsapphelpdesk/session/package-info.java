/**
 * The 24-hour customer-service window and the 72-hour free-entry-point window, per business number and
 * customer (keyed by {@link io.github.whatsapphelpdesk.customer.CustomerId}: BSUID or wa_id):
 * {@link io.github.whatsapphelpdesk.session.SessionWindowTracker} keeps them from the messages'
 * own WhatsApp timestamps, guards free-form sends before any call to Meta, and warns listeners before a
 * window closes. State lives behind the {@link io.github.whatsapphelpdesk.session.SessionStore} SPI.
 */
package io.github.whatsapphelpdesk.session;
