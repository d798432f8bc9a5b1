package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.http.Sleeper;
import io.github.whatsapphelpdesk.template.MessageTemplate;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The async view of a {@link WhatsAppClient}: every call runs on the executor given to {@link
 * WhatsAppClient#async(Executor)}, never the common pool, and returns a {@code CompletableFuture} that
 * completes exceptionally with the same exceptions the blocking call throws.
 *
 * <p>{@link #send} and {@link #markAsRead} wait for their {@link
 * io.github.whatsapphelpdesk.ratelimit.OutboundLimiter} permit without holding any thread (the limiter
 * queues them and completes them from its scheduler); only the HTTP exchange runs on the executor, so a
 * backlog of thousands of throttled sends needs no more threads than the sends in flight. Retries wait
 * on the executor's thread (through the client's {@link Sleeper}), so size the executor for them.
 * Thread-safe.
 */
public final class WhatsAppAsyncClient {
  private final WhatsAppClient client;
  private final Executor executor;

  WhatsAppAsyncClient(WhatsAppClient client, Executor executor) {
    this.client = client;
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** Runs any blocking client call on the executor. */
  public <T> CompletableFuture<T> call(Function<WhatsAppClient, T> call) {
    Objects.requireNonNull(call, "call");
    return CompletableFuture.supplyAsync(() -> call.apply(client), executor);
  }

  /** {@link MessagesApi#send(Message)}: waits for the limiter without a thread, sends on the executor. */
  public CompletableFuture<SendResult> send(Message message) {
    return send(message, RequestOptions.defaults());
  }

  /** {@link MessagesApi#send(Message, RequestOptions)}: waits for the limiter without a thread, sends on the executor. */
  public CompletableFuture<SendResult> send(Message message, RequestOptions options) {
    return client.messages().sendAsync(message, options, executor);
  }

  /** {@link MessagesApi#markAsRead(String, boolean, RequestOptions)}, limited like {@link #send}. */
  public CompletableFuture<Void> markAsRead(String messageId, boolean showTyping) {
    return markAsRead(messageId, showTyping, RequestOptions.defaults());
  }

  /** {@link MessagesApi#markAsRead(String, boolean, RequestOptions)}, limited like {@link #send}. */
  public CompletableFuture<Void> markAsRead(String messageId, boolean showTyping, RequestOptions options) {
    return client.messages().markAsReadAsync(messageId, showTyping, options, executor);
  }

  /** {@link MediaApi#upload(byte[], String, String)} on the executor. */
  public CompletableFuture<String> uploadMedia(byte[] data, String mimeType, String filename) {
    return call(c -> c.media().upload(data, mimeType, filename));
  }

  /** {@link MediaApi#download(String, OutputStream, long)} on the executor. */
  public CompletableFuture<MediaInfo> downloadMedia(String mediaId, OutputStream out, long maxBytes) {
    return call(c -> c.media().download(mediaId, out, maxBytes));
  }

  /** {@link TemplatesApi#list()} on the executor. */
  public CompletableFuture<List<MessageTemplate>> listTemplates() {
    return call(c -> c.templates().list());
  }
}
