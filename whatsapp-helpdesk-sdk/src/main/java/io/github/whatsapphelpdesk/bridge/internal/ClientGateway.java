package io.github.whatsapphelpdesk.bridge.internal;

import io.github.whatsapphelpdesk.bridge.CloudApiGateway;
import io.github.whatsapphelpdesk.client.Interactive;
import io.github.whatsapphelpdesk.client.InteractiveAction;
import io.github.whatsapphelpdesk.client.Media;
import io.github.whatsapphelpdesk.client.MediaKind;
import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.MessageContent;
import io.github.whatsapphelpdesk.client.RequestOptions;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.store.AttachmentRef;
import io.github.whatsapphelpdesk.store.OutboundMessage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
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
  public String send(OutboundMessage m) {
    WhatsAppClient c = forNumber(m.phoneNumberId());
    if (m.kind() == OutboundMessage.Kind.READ_RECEIPT) {
      c.messages().markAsRead(m.targetWamid());
      return m.targetWamid();
    }
    MessageContent content = switch (m.kind()) {
      case TEXT -> new io.github.whatsapphelpdesk.client.Text(m.text(), false);
      case MEDIA -> media(m);
      case TEMPLATE -> TemplateCodec.decode(m);
      case INTERACTIVE -> buttons(m);
      case REACTION -> new io.github.whatsapphelpdesk.client.Reaction(m.targetWamid(), m.text());
      default -> throw new IllegalArgumentException("kind " + m.kind());
    };
    Message.Builder b = Message.builder().to("+" + m.recipientWaId()).content(content);
    if (m.kind() != OutboundMessage.Kind.REACTION && m.targetWamid() != null) {
      b.replyTo(m.targetWamid());
    }
    return c.messages().send(b.build(), RequestOptions.builder().priority(m.priority()).build()).messageId();
  }

  private static MessageContent media(OutboundMessage m) {
    AttachmentRef a = m.attachments().get(0);
    MediaKind kind = MediaKinds.forMime(a.mimeType());
    Media media = Media.byId(kind, a.id());
    if (m.text() != null && !m.text().isEmpty() && kind != MediaKind.AUDIO && kind != MediaKind.STICKER) {
      media = media.withCaption(m.text());
    }
    if (kind == MediaKind.DOCUMENT && a.filename() != null) {
      media = media.withFilename(a.filename());
    }
    return media;
  }

  private static MessageContent buttons(OutboundMessage m) {
    List<InteractiveAction.ReplyButton> bs = new ArrayList<>();
    for (String option : m.options()) {
      int sep = option.indexOf('|');
      bs.add(new InteractiveAction.ReplyButton(option.substring(0, sep), option.substring(sep + 1)));
    }
    return Interactive.replyButtons(m.text(), bs.toArray(new InteractiveAction.ReplyButton[0]));
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
