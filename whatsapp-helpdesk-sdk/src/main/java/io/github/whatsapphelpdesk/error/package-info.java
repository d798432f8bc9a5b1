/**
 * The SDK's unchecked exception hierarchy and the one table ({@link
 * io.github.whatsapphelpdesk.error.ErrorCodes}) that maps Cloud API error codes to categories and
 * actions.
 *
 * <pre>
 * WhatsAppException
 * ├─ WhatsAppClientException      ApiConnectionException, SerializationException
 * ├─ WhatsAppApiException         code(), subcode(), details(), fbtraceId(), classification()
 * │   ├─ AuthenticationException  ├─ InvalidRequestException  ├─ RateLimitException
 * │   ├─ SessionWindowClosedException  ├─ TemplateException  ├─ RecipientException
 * │   │                                   └─ TemplateValidationException  problems()
 * │   └─ PolicyException          └─ ServerException
 * ├─ ValidationException          every violated local rule
 * │   └─ TemplatePolicyException  problems() of a template policy
 * ├─ WebhookVerificationException reason()
 * └─ HelpdeskException            adapterId(), httpStatus(); rate limited, conflict, terminal ticket,
 *                                 validation, authentication, unavailable, not found
 * </pre>
 */
package io.github.whatsapphelpdesk.error;
