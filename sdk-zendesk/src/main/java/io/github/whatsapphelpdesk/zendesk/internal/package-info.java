/** Implementation details of the Zendesk adapter (HTTP, JSON, rate limits). Not API. */
package io.github.whatsapphelpdesk.zendesk.internal;
