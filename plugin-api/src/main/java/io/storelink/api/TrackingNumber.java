package io.storelink.api;

import static java.util.Objects.requireNonNull;

/**
 * A package's tracking number.
 *
 * @param carrierCode the carrier, as the platform knows it (Magento: {@code ups}, {@code usps}, {@code fedex},
 *        {@code dhl}, or {@code custom})
 * @param number the tracking number
 * @param title the carrier's or service's name shown to the customer, or {@code null} for a default
 * @since 1.0.0
 */
public record TrackingNumber(String carrierCode, String number, String title) {
    public TrackingNumber {
        requireNonNull(carrierCode, "carrierCode is null");
        requireNonNull(number, "number is null");
        if (carrierCode.isBlank()) {
            throw new IllegalArgumentException("carrier code is blank");
        }
        if (number.isBlank()) {
            throw new IllegalArgumentException("tracking number is blank");
        }
    }
}
