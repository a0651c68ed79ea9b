package io.storelink.api;

import java.util.ArrayList;
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

    /**
     * @return a builder with every part unset and no street lines
     * @since 1.2.0
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds an {@link Address} by name, so that no two of its strings can change places unnoticed.
     *
     * @since 1.2.0
     */
    public static final class Builder {
        private String firstName;
        private String lastName;
        private String company;
        private final ArrayList<String> street = new ArrayList<>();
        private String city;
        private String region;
        private String regionCode;
        private String postcode;
        private String countryCode;
        private String phone;
        private String email;

        private Builder() {
        }

        /** @return this builder, with first and last name */
        public Builder name(String first, String last) {
            this.firstName = first;
            this.lastName = last;
            return this;
        }

        /** @return this builder, with the company */
        public Builder company(String value) {
            this.company = value;
            return this;
        }

        /** @return this builder, with street lines after those added before; {@code null} and blank lines are left out */
        public Builder street(String... lines) {
            for (String line : lines) {
                if (line != null && !line.isBlank()) {
                    street.add(line);
                }
            }
            return this;
        }

        /** @return this builder, with street lines after those added before; {@code null} and blank lines are left out */
        public Builder street(List<String> lines) {
            return street(lines.toArray(String[]::new));
        }

        /** @return this builder, with the city */
        public Builder city(String value) {
            this.city = value;
            return this;
        }

        /** @return this builder, with the region's name and code */
        public Builder region(String name, String code) {
            this.region = name;
            this.regionCode = code;
            return this;
        }

        /** @return this builder, with the postal code */
        public Builder postcode(String value) {
            this.postcode = value;
            return this;
        }

        /** @return this builder, with the ISO 3166-1 alpha-2 country code */
        public Builder countryCode(String value) {
            this.countryCode = value;
            return this;
        }

        /** @return this builder, with the phone number */
        public Builder phone(String value) {
            this.phone = value;
            return this;
        }

        /** @return this builder, with the e-mail address */
        public Builder email(String value) {
            this.email = value;
            return this;
        }

        /** @return the address */
        public Address build() {
            return new Address(firstName, lastName, company, street, city, region, regionCode, postcode, countryCode,
                    phone, email);
        }
    }
}
