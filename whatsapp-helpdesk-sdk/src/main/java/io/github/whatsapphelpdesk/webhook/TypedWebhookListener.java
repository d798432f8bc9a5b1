package io.github.whatsapphelpdesk.webhook;

/**
 * A {@link WebhookListener} with one method per event type; override the ones you need (each defaults
 * to doing nothing). {@link #onEvent} routes by type and must not be overridden.
 */
public interface TypedWebhookListener extends WebhookListener {

  @Override
  default void onEvent(WebhookEvent event) {
    if (event instanceof InboundMessage m) {
      onMessage(m);
    } else if (event instanceof StatusUpdate s) {
      onStatus(s);
    } else if (event instanceof MessageEcho e) {
      onEcho(e);
    } else if (event instanceof UserPreferenceUpdate p) {
      onUserPreference(p);
    } else if (event instanceof UserIdUpdate u) {
      onUserIdUpdate(u);
    } else if (event instanceof TemplateStatusUpdate t) {
      onTemplateStatus(t);
    } else if (event instanceof TemplateQualityUpdate t) {
      onTemplateQuality(t);
    } else if (event instanceof TemplateCategoryUpdate t) {
      onTemplateCategory(t);
    } else if (event instanceof PhoneNumberQualityUpdate q) {
      onPhoneNumberQuality(q);
    } else if (event instanceof AccountUpdate a) {
      onAccountUpdate(a);
    } else if (event instanceof AccountAlert a) {
      onAccountAlert(a);
    } else if (event instanceof BusinessCapabilityUpdate b) {
      onBusinessCapability(b);
    } else if (event instanceof CallEvent c) {
      onCall(c);
    } else if (event instanceof ErrorEvent e) {
      onError(e);
    } else if (event instanceof UnknownEvent u) {
      onUnknown(u);
    }
  }

  /** An inbound customer message. */
  default void onMessage(InboundMessage message) {}

  /** A forward status change of an outbound message. */
  default void onStatus(StatusUpdate status) {}

  /** A message sent from the Business app (coexistence). */
  default void onEcho(MessageEcho echo) {}

  /** A marketing stop or resume. */
  default void onUserPreference(UserPreferenceUpdate update) {}

  /** A customer's BSUID changed ({@code user_id_update}, after a phone-number change). */
  default void onUserIdUpdate(UserIdUpdate update) {}

  /** A template's review status changed. */
  default void onTemplateStatus(TemplateStatusUpdate update) {}

  /** A template's quality changed. */
  default void onTemplateQuality(TemplateQualityUpdate update) {}

  /** A template's category changed. */
  default void onTemplateCategory(TemplateCategoryUpdate update) {}

  /** The number's quality or limit changed. */
  default void onPhoneNumberQuality(PhoneNumberQualityUpdate update) {}

  /** An account update (restriction, ban, verification...). */
  default void onAccountUpdate(AccountUpdate update) {}

  /** An account alert. */
  default void onAccountAlert(AccountAlert alert) {}

  /** A business capability change. */
  default void onBusinessCapability(BusinessCapabilityUpdate update) {}

  /** A call was connected or terminated, or a business-initiated call rang, was accepted or rejected. */
  default void onCall(CallEvent call) {}

  /** A value-level error. */
  default void onError(ErrorEvent error) {}

  /** A field or array this SDK version does not model. */
  default void onUnknown(UnknownEvent event) {}
}
