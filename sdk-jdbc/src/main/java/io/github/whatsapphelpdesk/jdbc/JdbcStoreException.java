package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.error.WhatsAppException;
import java.sql.SQLException;

/**
 * A PostgreSQL store could not complete an operation (the database is unreachable, a statement failed, the
 * schema is missing or newer than this SDK). The message names the store, the operation and the SQLSTATE
 * only, never a key or value (those identify customers); the cause is the driver's exception.
 *
 * <p>{@link #retryable()} is true for connection failures, serialization failures, deadlocks, lock timeouts
 * and server shutdowns (SQLSTATE classes {@code 08}, {@code 40}, {@code 53}, {@code 55P03}, {@code 57P}):
 * the webhook handler then answers 5xx and Meta redelivers.
 */
public class JdbcStoreException extends WhatsAppException {
  private static final long serialVersionUID = 1L;
  private final String store;
  private final String operation;
  private final String sqlState;

  /**
   * @param store the store's name, for example {@code idempotency}
   * @param operation the operation, for example {@code claim}
   * @param cause the driver's exception
   */
  public JdbcStoreException(String store, String operation, SQLException cause) {
    super(store + " store: " + operation + " failed (SQLSTATE " + cause.getSQLState() + ")", cause);
    this.store = store;
    this.operation = operation;
    this.sqlState = cause.getSQLState();
  }

  /**
   * A failure without a driver exception (for example a schema newer than this SDK).
   *
   * @param store the store's name
   * @param operation the operation
   * @param message what went wrong (no customer data)
   */
  public JdbcStoreException(String store, String operation, String message) {
    super(store + " store: " + operation + " failed: " + message);
    this.store = store;
    this.operation = operation;
    this.sqlState = null;
  }

  /** The store's name. */
  public String store() {
    return store;
  }

  /** The operation that failed. */
  public String operation() {
    return operation;
  }

  /** The SQLSTATE of the failure, or null when it did not come from the driver. */
  public String sqlState() {
    return sqlState;
  }

  /** True for transient failures: a later attempt may succeed. */
  @Override
  public boolean retryable() {
    return isTransient(sqlState);
  }

  /** Whether a SQLSTATE names a transient failure. */
  static boolean isTransient(String state) {
    if (state == null) {
      return false;
    }
    return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57P")
        || state.equals("55P03");
  }
}
