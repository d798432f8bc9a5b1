/** Implementation of the webhook intake; not API, may change without notice. */
package io.github.whatsapphelpdesk.webhook.internal;
