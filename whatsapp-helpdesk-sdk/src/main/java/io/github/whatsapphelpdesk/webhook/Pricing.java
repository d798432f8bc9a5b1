package io.github.whatsapphelpdesk.webhook;

/**
 * A status's {@code pricing} object (on {@code sent} and one of {@code delivered}/{@code read}).
 *
 * @param billable {@code billable} (deprecated by Meta), or null
 * @param pricingModel {@code pricing_model}: {@code PMP} (per message, since 2025-07-01) or {@code CBP}
 *     (per conversation, before), or null
 * @param type {@code type}: {@code regular}, {@code free_customer_service}, {@code free_entry_point},
 *     or null
 * @param category {@code category}: {@code marketing}, {@code utility}, {@code authentication},
 *     {@code service}..., or null
 */
public record Pricing(Boolean billable, String pricingModel, String type, String category) {}
