package io.storelink.api;

import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/**
 * An order's money, in the order's currency. Amounts the platform does not report are zero.
 *
 * @param currency ISO 4217 code, for example {@code EUR}
 * @param grandTotal what the customer pays
 * @param subtotal the lines before shipping, tax and discounts
 * @param shipping the shipping charge
 * @param tax the tax
 * @param discount the discount, as a positive or negative amount as the platform reports it
 * @since 1.0.0
 */
public record Totals(String currency, BigDecimal grandTotal, BigDecimal subtotal, BigDecimal shipping,
                     BigDecimal tax, BigDecimal discount) {
    public Totals {
        requireNonNull(currency, "currency is null");
        requireNonNull(grandTotal, "grandTotal is null");
        requireNonNull(subtotal, "subtotal is null");
        requireNonNull(shipping, "shipping is null");
        requireNonNull(tax, "tax is null");
        requireNonNull(discount, "discount is null");
    }
}
