package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.client.internal.ClientGateway;
import io.github.whatsapphelpdesk.ratelimit.Priority;

/**
 * What the bridge needs from the Cloud API. {@link #of(WhatsAppClient)} adapts the SDK's client (whose
 * outbound limiter, retries and local validation then apply to every send); tests and dry runs may
 * supply their own. Implementations throw the SDK's {@code WhatsAppException}s.
 */
public interface CloudApiGateway {

  /** Sends one message from the business number {@code phoneNumberId} and returns its wamid. */
  String send(String phoneNumberId, Message message, Priority priority);

  /** Marks an inbound message read (and so shows the blue ticks). */
  void markRead(String phoneNumberId, String wamid);

  /** Downloads an inbound media object (its URL expires 5 minutes after the webhook), at most {@code maxBytes}. */
  byte[] downloadMedia(String phoneNumberId, String mediaId, long maxBytes);

  /** Uploads a file for sending and returns its media id. */
  String uploadMedia(String phoneNumberId, byte[] data, String mimeType, String filename);

  /** The gateway over the SDK's client; the client's phone number id is replaced per message. */
  static CloudApiGateway of(WhatsAppClient client) {
    return new ClientGateway(client);
  }
}
