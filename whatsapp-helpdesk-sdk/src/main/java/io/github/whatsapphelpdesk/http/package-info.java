/**
 * HTTP plumbing shared by the Cloud API client and the helpdesk adapters: framework-neutral webhook
 * request and response values, the {@link io.github.whatsapphelpdesk.http.Sleeper} every wait goes
 * through, the {@link io.github.whatsapphelpdesk.http.Backoff} policy and the one {@link
 * io.github.whatsapphelpdesk.http.RetryAfter} parser.
 */
package io.github.whatsapphelpdesk.http;
