package io.github.whatsapphelpdesk.testkit.sandbox;

/**
 * How the sandbox reports a rule that Meta may report either way (window closed 131047, unsupported
 * media 131053): in the HTTP answer, or as a {@code failed} status webhook after a 200.
 */
public enum ErrorChannel {
  /** Reject the send request with Meta's error body and HTTP status. */
  SYNC,
  /** Accept the request (200 with a wamid) and deliver a {@code failed} status webhook with the code. */
  WEBHOOK
}
