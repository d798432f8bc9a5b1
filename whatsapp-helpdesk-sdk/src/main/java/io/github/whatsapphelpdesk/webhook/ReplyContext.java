package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.customer.Masking;

/**
 * An inbound message's {@code context}: what it replies to, or that it was forwarded.
 *
 * @param from the sender of the quoted message (usually the business number), or null
 * @param messageId the wamid the customer replied to, or null for a bare forward
 * @param forwarded {@code forwarded}
 * @param frequentlyForwarded {@code frequently_forwarded} (forwarded more than 5 times)
 * @param referredCatalogId {@code referred_product.catalog_id} (product inquiry), or null
 * @param referredProductRetailerId {@code referred_product.product_retailer_id}, or null
 */
public record ReplyContext(
    String from,
    String messageId,
    boolean forwarded,
    boolean frequentlyForwarded,
    String referredCatalogId,
    String referredProductRetailerId) {

  /** True when the customer asked about a catalog product. */
  public boolean productInquiry() {
    return referredProductRetailerId != null;
  }

  /** The sender masked. */
  @Override
  public String toString() {
    return "ReplyContext[from=" + Masking.identifier(from) + ", messageId=" + messageId + ", forwarded=" + forwarded
        + ", frequentlyForwarded=" + frequentlyForwarded + ", referredCatalogId=" + referredCatalogId
        + ", referredProductRetailerId=" + referredProductRetailerId + "]";
  }
}
