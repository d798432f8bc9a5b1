package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.PhoneNumbers;
import io.github.whatsapphelpdesk.client.internal.ApiCall;
import io.github.whatsapphelpdesk.client.internal.ApiExecutor;
import io.github.whatsapphelpdesk.client.internal.MessageJson;
import io.github.whatsapphelpdesk.client.internal.MessageValidator;
import io.github.whatsapphelpdesk.customer.Masking;
import io.github.whatsapphelpdesk.error.SerializationException;
import io.github.whatsapphelpdesk.error.ValidationException;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.ratelimit.OutboundRequest;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Sending: {@code POST /{phone-number-id}/messages}. Every message is validated locally first (a
 * {@link io.github.whatsapphelpdesk.error.ValidationException} names every violated rule), its
 * {@code to} is normalised to E.164 with {@code +} (a message without {@code to} goes out by BSUID in
 * {@code recipient}), and the {@link
 * io.github.whatsapphelpdesk.ratelimit.OutboundLimiter} is asked for a permit before each attempt.
 * Thread-safe.
 */
public final class MessagesApi {
  private final ApiExecutor executor;
  private final String phoneNumberId;

  MessagesApi(ApiExecutor executor, String phoneNumberId) {
    this.executor = executor;
    this.phoneNumberId = phoneNumberId;
  }

  /** Sends with the default options. */
  public SendResult send(Message message) {
    return send(message, RequestOptions.defaults());
  }

  /**
   * Sends a message.
   *
   * @throws io.github.whatsapphelpdesk.error.ValidationException before any call when a limit is broken
   * @throws io.github.whatsapphelpdesk.error.WhatsAppApiException (a subclass per category) when Meta
   *     rejects the message, after the retries the policy allows
   * @throws io.github.whatsapphelpdesk.error.ApiConnectionException when Meta could not be reached
   */
  public SendResult send(Message message, RequestOptions options) {
    Prepared p = prepare(message, options);
    return parse(executor.execute(p.call), p.to);
  }

  /**
   * {@link #send(Message, RequestOptions)} without holding a thread while the limiter makes it wait; the
   * HTTP exchange runs on {@code on}. Validation failures complete the future exceptionally.
   */
  CompletableFuture<SendResult> sendAsync(Message message, RequestOptions options, Executor on) {
    Prepared p;
    try {
      p = prepare(message, options);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return executor.executeAsync(p.call, on).thenApply(r -> parse(r, p.to));
  }

  /** A validated send: the call and the normalised recipient. */
  private record Prepared(ApiCall call, String to) {}

  private Prepared prepare(Message message, RequestOptions options) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(options, "options");
    String to = null;
    List<String> earlier = new ArrayList<>();
    if (message.to() != null) {
      try {
        to = PhoneNumbers.toE164(message.to());
      } catch (ValidationException e) {
        e.violations().forEach(v -> earlier.add("to: " + v));
      }
    }
    MessageValidator.validate(message, earlier);
    String from = options.phoneNumberId().orElse(phoneNumberId);
    boolean template = message.content() instanceof TemplateMessage;
    Priority priority = options.priority().orElse(template ? Priority.AUTOMATED : Priority.AGENT_REPLY);
    // The pair-rate key: the wa_id for a phone recipient (to wins when both are set, as at Meta), else the BSUID.
    String recipientKey = to != null ? to.substring(1) : message.recipient();
    OutboundRequest lr = new OutboundRequest(from, recipientKey, priority, template);
    // Log lines mask the recipient with PhoneNumbers.mask: hand them a BSUID already masked.
    String logRecipient = to != null ? to : Masking.bsuid(message.recipient());
    ApiCall call = ApiCall.postJson(from + "/messages", MessageJson.toTree(message, to))
        .limited(lr, options.limiterTimeout(), logRecipient)
        .retrying(options.retryPolicy().orElse(null));
    return new Prepared(call, to != null ? to : message.recipient());
  }

  /** Marks a received message (and every earlier one) as read. */
  public void markAsRead(String messageId) {
    markAsRead(messageId, false, RequestOptions.defaults());
  }

  /**
   * Marks a received message as read and, when {@code showTyping}, shows the typing indicator to the
   * customer until the next reply or for 25 seconds.
   */
  public void markAsRead(String messageId, boolean showTyping, RequestOptions options) {
    checkRead(executor.execute(readCall(messageId, showTyping, options)));
  }

  /** {@link #markAsRead(String, boolean, RequestOptions)} without holding a thread while the limiter waits. */
  CompletableFuture<Void> markAsReadAsync(String messageId, boolean showTyping, RequestOptions options, Executor on) {
    ApiCall call;
    try {
      call = readCall(messageId, showTyping, options);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return executor.executeAsync(call, on).thenAccept(MessagesApi::checkRead);
  }

  private ApiCall readCall(String messageId, boolean showTyping, RequestOptions options) {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(options, "options");
    if (messageId.isBlank()) {
      throw new ValidationException("Read receipt", List.of("message_id is blank"));
    }
    String from = options.phoneNumberId().orElse(phoneNumberId);
    OutboundRequest lr = new OutboundRequest(from, null, options.priority().orElse(Priority.AUTOMATED), false);
    return ApiCall.postJson(from + "/messages", MessageJson.readReceipt(messageId, showTyping))
        .limited(lr, options.limiterTimeout(), null).retrying(options.retryPolicy().orElse(null));
  }

  private static void checkRead(Map<String, Object> r) {
    if (!Boolean.TRUE.equals(Json.bool(r, "success"))) {
      throw new SerializationException("the read receipt answer has no success:true");
    }
  }

  private static SendResult parse(Map<String, Object> r, String to) {
    List<Map<String, Object>> messages = Json.objs(r, "messages");
    if (messages.isEmpty() || Json.str(messages.get(0), "id") == null) {
      throw new SerializationException("the send answer has no messages[0].id");
    }
    List<Map<String, Object>> contacts = Json.objs(r, "contacts");
    Map<String, Object> contact = contacts.isEmpty() ? Map.of() : contacts.get(0);
    String input = Json.str(contact, "input");
    return new SendResult(Json.str(messages.get(0), "id"), Json.str(contact, "wa_id"),
        input != null ? input : to, Json.str(messages.get(0), "message_status"));
  }
}
