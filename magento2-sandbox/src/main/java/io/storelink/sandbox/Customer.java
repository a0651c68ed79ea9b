package io.storelink.sandbox;

import static java.util.Objects.requireNonNull;

/**
 * The customer of an order. Guests have no {@code customerId} (and Magento then omits {@code customer_id}).
 */
public record Customer(Long customerId, String email, String firstname, String lastname, int groupId) {
    public Customer {
        requireNonNull(email, "email is null");
        requireNonNull(firstname, "firstname is null");
        requireNonNull(lastname, "lastname is null");
    }

    public boolean isGuest() {
        return customerId == null;
    }
}
