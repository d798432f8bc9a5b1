package io.github.whatsapphelpdesk.client.internal;

import io.github.whatsapphelpdesk.client.CloudApiGateway;
import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.RequestOptions;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import java.io.ByteArrayOutputStream;
import java.util.Objects;

/** {@link CloudApiGateway} over {@link WhatsAppClient}. */
public final class ClientGateway implements CloudApiGateway {
  private final WhatsAppClient client;

  public ClientGateway(WhatsAppClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  private WhatsAppClient forNumber(String phoneNumberId) {
    return phoneNumberId.equals(client.phoneNumberId()) ? client : client.forPhoneNumber(phoneNumberId);
  }

  @Override
  public String send(String phoneNumberId, Message message, Priority priority) {
    return forNumber(phoneNumberId).messages()
        .send(message, RequestOptions.builder().priority(priority).build()).messageId();
  }

  @Override
  public void markRead(String phoneNumberId, String wamid) {
    forNumber(phoneNumberId).messages().markAsRead(wamid);
  }

  @Override
  public byte[] downloadMedia(String phoneNumberId, String mediaId, long maxBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    forNumber(phoneNumberId).media().download(mediaId, out, maxBytes);
    return out.toByteArray();
  }

  @Override
  public String uploadMedia(String phoneNumberId, byte[] data, String mimeType, String filename) {
    return forNumber(phoneNumberId).media().upload(data, mimeType, filename);
  }
}
