package io.github.whatsapphelpdesk.testkit.sandbox;

/**
 * One product line of an inbound {@code order} message.
 *
 * @param productRetailerId catalog product id
 * @param quantity quantity
 * @param itemPrice unit price
 * @param currency ISO currency code
 */
public record OrderItem(String productRetailerId, int quantity, double itemPrice, String currency) {}
