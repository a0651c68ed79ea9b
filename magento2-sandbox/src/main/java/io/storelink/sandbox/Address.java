package io.storelink.sandbox;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A billing or shipping address; {@code company}, {@code region}, {@code regionCode} and {@code regionId} may be null. */
public record Address(
        String firstname,
        String lastname,
        String company,
        List<String> street,
        String city,
        String region,
        String regionCode,
        Integer regionId,
        String postcode,
        String countryId,
        String telephone) {
    public Address {
        requireNonNull(firstname, "firstname is null");
        requireNonNull(lastname, "lastname is null");
        street = List.copyOf(street);
        requireNonNull(city, "city is null");
        requireNonNull(postcode, "postcode is null");
        requireNonNull(countryId, "countryId is null");
        requireNonNull(telephone, "telephone is null");
    }
}
