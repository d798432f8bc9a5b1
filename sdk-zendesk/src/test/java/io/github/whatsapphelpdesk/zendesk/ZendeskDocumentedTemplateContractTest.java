package io.github.whatsapphelpdesk.zendesk;

/**
 * The SPI contract with the trigger body documented in {@code docs/zendesk.md}: {@code ticket_id},
 * {@code external_id} and {@code current_user_role}, no comment id. The adapter must find the announced
 * comment itself (the latest public comment) and still suppress echoes.
 */
class ZendeskDocumentedTemplateContractTest extends ZendeskContractTest {
  @Override
  protected boolean webhookNamesComment() {
    return false;
  }
}
