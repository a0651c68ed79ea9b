package io.storelink.api;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A postal address. Any part but the street lines may be {@code null} when the platform does not report it.
 *
 * @param firstName first name
 * @param lastName last name
 * @param company company
 * @param street street lines, in order
 * @param city city
 * @param region region or state name
 * @param regionCode region or state code
 * @param postcode postal code
 * @param countryCode ISO 3166-1 alpha-2 country code
 * @param phone phone number
 * @param email e-mail address
 * @since 1.0.0
 */
public record Address(String firstName, String lastName, String company, List<String> street, String city,
                      String region, String regionCode, String postcode, String countryCode, String phone,
                      String email) {
    public Address {
        street = List.copyOf(requireNonNull(street, "street is null"));
    }
}
