/**
 * The SDK's unchecked exception hierarchy and the one table ({@link
 * io.github.whatsapphelpdesk.error.ErrorCodes}) that maps Cloud API error codes to categories and
 * actions.
 *
 * <p>{@link io.github.whatsapphelpdesk.error.WhatsAppException#outcomeUnknown()} is true when a request
 * may have taken effect although it failed (an {@code ApiConnectionException} after the body was
 * written, an {@code OutcomeUnknownException}): never resend such a send blindly.
 *
 * <pre>
 * WhatsAppException
 * ├─ WhatsAppClientException      ApiConnectionException, SerializationException
 * ├─ WhatsAppApiException         code(), subcode(), details(), fbtraceId(), classification()
 * │   ├─ AuthenticationException  ├─ InvalidRequestException  ├─ RateLimitException
 * │   ├─ SessionWindowClosedException  ├─ TemplateException  ├─ RecipientException
 * │   │                                   └─ TemplateValidationException  problems()
 * │   └─ PolicyException          └─ ServerException
 * │                                   └─ OutcomeUnknownException  a written send's 5xx without a Graph body
 * ├─ ValidationException          every violated local rule
 * │   └─ TemplatePolicyException  problems() of a template policy
 * ├─ WebhookVerificationException reason()
 * └─ HelpdeskException            adapterId(), httpStatus(); rate limited, conflict, terminal ticket,
 *                                 validation, authentication, unavailable, not found
 * </pre>
 */
package io.github.whatsapphelpdesk.error;
