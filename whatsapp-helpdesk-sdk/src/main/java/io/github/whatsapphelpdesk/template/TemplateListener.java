package io.github.whatsapphelpdesk.template;

/**
 * Told about changes a {@link TemplateRegistry} sees. Called on the thread that made the change (a sync,
 * a webhook update); keep it quick and do not throw (exceptions are caught and logged at DEBUG).
 */
public interface TemplateListener {

  /**
   * A held translation changed, appeared ({@code before} null) or disappeared ({@code after} null).
   *
   * @param before the definition before, or null
   * @param after the definition after, or null
   * @param reason Meta's reason for a status change (for example {@code LOW_QUALITY}), or null
   */
  default void onTemplateChanged(MessageTemplate before, MessageTemplate after, String reason) {}

  /** A sync failed; the registry keeps the templates it held. */
  default void onSyncFailed(RuntimeException error) {}
}
