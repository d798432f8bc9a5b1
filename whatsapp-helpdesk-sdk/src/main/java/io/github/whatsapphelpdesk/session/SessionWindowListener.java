package io.github.whatsapphelpdesk.session;

/**
 * Receives window warnings and closing notices, on the tracker's scheduler thread. Keep it quick (hand
 * slow work, such as a helpdesk call, to an executor); an exception is logged and does not stop other
 * notices.
 */
@FunctionalInterface
public interface SessionWindowListener {

  /** Called once per window and lead time, and once when the window closes. */
  void onSessionWindowEvent(SessionWindowEvent event);
}
