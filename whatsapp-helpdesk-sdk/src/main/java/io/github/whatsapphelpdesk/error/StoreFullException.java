package io.github.whatsapphelpdesk.error;

/**
 * A bounded store (the in-memory inbox, for example) is full and refused new work. Nothing was stored;
 * the same operation may succeed once consumers have caught up (the webhook handler answers 5xx, so Meta
 * redelivers later).
 */
public class StoreFullException extends WhatsAppException {
  private static final long serialVersionUID = 1L;
  private final String store;
  private final long limit;

  /**
   * @param store the store's name, for example {@code inbox}
   * @param limit the bound that was reached
   * @param what what the bound counts, for the message
   */
  public StoreFullException(String store, long limit, String what) {
    super(store + " is full: " + limit + " " + what + " held; retry once consumers have caught up");
    this.store = store;
    this.limit = limit;
  }

  /** The store's name. */
  public String store() {
    return store;
  }

  /** The bound that was reached. */
  public long limit() {
    return limit;
  }

  /** True: the store may have room later. */
  @Override
  public boolean retryable() {
    return true;
  }
}
