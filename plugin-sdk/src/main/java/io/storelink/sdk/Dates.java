package io.storelink.sdk;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;

/**
 * Lenient reading of the dates stores send, to an {@link Instant}:
 * <ul>
 *   <li>ISO-8601 with an offset or {@code Z}: {@code 2026-03-21T16:46:41+01:00}, {@code 2026-03-21T15:46:41.5Z};</li>
 *   <li>a date and time without one, with {@code T} or a space ({@code 2026-03-21 16:46:41}, as Magento and
 *       WooCommerce's {@code *_gmt} fields send): in the zone given, UTC unless said;</li>
 *   <li>a date alone ({@code 2026-03-21}): its start in that zone;</li>
 *   <li>epoch seconds or milliseconds: a whole number of up to 11 digits is seconds, a longer one milliseconds.</li>
 * </ul>
 * Anything else throws {@link InvalidValueException} naming the field and the value.
 */
public final class Dates {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder()
            .append(LOCAL)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendOffset("+HH:MM:ss", "Z")
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter OFFSET_COMPACT = new DateTimeFormatterBuilder()
            .append(LOCAL)
            .appendOffset("+HHmm", "Z")
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    private static final String EXPECTED = "a date such as 2026-03-21T16:46:41Z, 2026-03-21 16:46:41 or epoch seconds";

    private Dates() {
    }

    /** @return the instant; local times are UTC */
    public static Instant parse(String field, String value) {
        return parse(field, value, ZoneOffset.UTC);
    }

    /**
     * @param field the field's name, for the message
     * @param value the text as the store sent it
     * @param zone the zone of a value without an offset
     * @return the instant
     * @throws InvalidValueException when the value is missing, blank or no date
     */
    public static Instant parse(String field, String value, ZoneId zone) {
        Instant instant = parseOrNull(field, value, zone);
        if (instant == null) {
            throw new InvalidValueException(field, value, EXPECTED);
        }
        return instant;
    }

    /** @return the instant, or {@code null} for a missing or blank value; local times are UTC */
    public static Instant parseOrNull(String field, String value) {
        return parseOrNull(field, value, ZoneOffset.UTC);
    }

    /**
     * @return the instant, or {@code null} for a missing or blank value
     * @throws InvalidValueException when there is a value and it is no date
     */
    public static Instant parseOrNull(String field, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            if (text.matches("-?[0-9]{1,19}")) {
                long number = Long.parseLong(text);
                return text.replace("-", "").length() <= 11 ? Instant.ofEpochSecond(number)
                        : Instant.ofEpochMilli(number);
            }
            for (DateTimeFormatter format : new DateTimeFormatter[] {OFFSET, OFFSET_COMPACT}) {
                try {
                    return OffsetDateTime.parse(text, format).toInstant();
                } catch (DateTimeException notThisForm) {
                    // the next form
                }
            }
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            LocalDateTime local = LocalDateTime.parse(text, LOCAL);
            return local.atZone(zone).toInstant();
        } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
            throw new InvalidValueException(field, value, EXPECTED);
        }
    }
}
