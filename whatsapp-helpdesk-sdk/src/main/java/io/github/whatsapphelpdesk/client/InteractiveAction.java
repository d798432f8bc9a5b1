package io.github.whatsapphelpdesk.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code action} of an interactive message; its implementation decides the interactive
 * {@code type}. {@link Raw} is the escape hatch for interactive types the SDK does not model.
 */
public sealed interface InteractiveAction {

  /** The interactive {@code type}, for example {@code "button"} or {@code "list"}. */
  String interactiveType();

  /** Reply buttons ({@code button}): 1 to 3 buttons. */
  record ReplyButtons(List<ReplyButton> buttons) implements InteractiveAction {
    public ReplyButtons {
      buttons = List.copyOf(buttons);
    }

    @Override
    public String interactiveType() {
      return "button";
    }
  }

  /** One reply button: id at most 256 characters, title at most 20. */
  record ReplyButton(String id, String title) {
    public ReplyButton {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(title, "title");
    }
  }

  /** A list ({@code list}): button text at most 20, at most 10 sections and 10 rows in total. */
  record ListAction(String button, List<ListSection> sections) implements InteractiveAction {
    public ListAction {
      Objects.requireNonNull(button, "button");
      sections = List.copyOf(sections);
    }

    @Override
    public String interactiveType() {
      return "list";
    }
  }

  /** A list section; the title (at most 24) is required when there are several sections. */
  record ListSection(String title, List<ListRow> rows) {
    public ListSection {
      rows = List.copyOf(rows);
    }
  }

  /** A list row: id at most 200, title at most 24, description (optional) at most 72. */
  record ListRow(String id, String title, String description) {
    public ListRow {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(title, "title");
    }
  }

  /** A call-to-action URL button ({@code cta_url}): display text at most 20 characters. */
  record CtaUrl(String displayText, String url) implements InteractiveAction {
    public CtaUrl {
      Objects.requireNonNull(displayText, "displayText");
      Objects.requireNonNull(url, "url");
    }

    @Override
    public String interactiveType() {
      return "cta_url";
    }
  }

  /**
   * A WhatsApp Flow ({@code flow}). Give either {@code flowId} or {@code flowName}. {@code mode} is
   * {@code draft} or null (published); {@code flowAction} is {@code navigate} or {@code data_exchange};
   * {@code screen} and {@code data} form the {@code flow_action_payload} and may be null.
   */
  record Flow(
      String flowMessageVersion, String flowToken, String flowId, String flowName, String flowCta,
      String flowAction, String screen, Map<String, Object> data, String mode) implements InteractiveAction {
    public Flow {
      Objects.requireNonNull(flowMessageVersion, "flowMessageVersion");
      Objects.requireNonNull(flowCta, "flowCta");
      data = data == null ? null : Map.copyOf(data);
    }

    @Override
    public String interactiveType() {
      return "flow";
    }
  }

  /** A single catalog product ({@code product}). */
  record Product(String catalogId, String productRetailerId) implements InteractiveAction {
    public Product {
      Objects.requireNonNull(catalogId, "catalogId");
      Objects.requireNonNull(productRetailerId, "productRetailerId");
    }

    @Override
    public String interactiveType() {
      return "product";
    }
  }

  /** Several catalog products in sections ({@code product_list}); it needs a text header. */
  record ProductList(String catalogId, List<ProductSection> sections) implements InteractiveAction {
    public ProductList {
      Objects.requireNonNull(catalogId, "catalogId");
      sections = List.copyOf(sections);
    }

    @Override
    public String interactiveType() {
      return "product_list";
    }
  }

  /** A product section: a title and product retailer ids. */
  record ProductSection(String title, List<String> productRetailerIds) {
    public ProductSection {
      productRetailerIds = List.copyOf(productRetailerIds);
    }
  }

  /** The whole catalog ({@code catalog_message}); the thumbnail product is optional. */
  record Catalog(String thumbnailProductRetailerId) implements InteractiveAction {
    @Override
    public String interactiveType() {
      return "catalog_message";
    }
  }

  /**
   * An order to review and pay ({@code order_details}, India payments). {@code parameters} is Meta's
   * {@code action.parameters} object (reference_id, type, payment_type, currency, total_amount, order,
   * ...), passed through as given; nested values may be maps, lists, strings, numbers and booleans.
   */
  record OrderDetails(Map<String, Object> parameters) implements InteractiveAction {
    public OrderDetails {
      parameters = new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters"));
    }

    @Override
    public String interactiveType() {
      return "order_details";
    }
  }

  /** An order status update ({@code order_status}) for an earlier {@code order_details}. */
  record OrderStatus(String referenceId, String status, String description) implements InteractiveAction {
    public OrderStatus {
      Objects.requireNonNull(referenceId, "referenceId");
      Objects.requireNonNull(status, "status");
    }

    @Override
    public String interactiveType() {
      return "order_status";
    }
  }

  /**
   * Escape hatch for interactive types the SDK does not model (for example {@code
   * call_permission_request}, {@code location_request_message}): the {@code type} and the raw {@code
   * action} object. Only generic limits (header, body, footer) are checked locally.
   */
  record Raw(String interactiveType, Map<String, Object> action) implements InteractiveAction {
    public Raw {
      Objects.requireNonNull(interactiveType, "interactiveType");
      action = new LinkedHashMap<>(Objects.requireNonNull(action, "action"));
    }
  }
}
