package io.storelink.api;

/**
 * Who placed an order. Any part may be {@code null} when the platform does not report it.
 *
 * @param email e-mail address
 * @param firstName first name
 * @param lastName last name
 * @param guest whether the customer checked out without an account
 * @since 1.0.0
 */
public record Customer(String email, String firstName, String lastName, boolean guest) {
}
