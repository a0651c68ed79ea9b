package io.storelink.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a {@link SearchCriteria} over entities the way Magento's collection SQL would on MySQL: filters inside a group
 * ORed, groups ANDed, numeric fields compared as numbers, dates as UTC date-times, text case-insensitively; a
 * comparison with a missing (NULL) field is false except for {@code null}; sorts put NULLs first when ascending;
 * pages are 1-based and clamped to the last page (docs/magento2-rest-api.md §0.3, §2.1).
 */
final class SearchEngine {
    private static final Pattern NUMBER_PREFIX = Pattern.compile("^\\s*[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:[ T](\\d{2}:\\d{2}:\\d{2}))?Z?");

    /** Reads a top-level field: a {@link Number}, {@link Instant}, {@link String}, {@link Boolean} or null. */
    @FunctionalInterface
    interface FieldAccessor<T> {
        Object value(T entity, String field);
    }

    /** One page of results and the unpaged count. */
    record Page<T>(List<T> items, int totalCount) {}

    private SearchEngine() {}

    static <T> Page<T> search(List<T> entities, SearchCriteria criteria, FieldAccessor<T> accessor) {
        // Each filter's value is read once per search, not once per entity: as MySQL prepares a statement once.
        List<List<Prepared>> groups = criteria.filterGroups().stream()
                .map(group -> group.stream().map(Prepared::new).toList()).toList();
        List<T> matches = new ArrayList<>();
        for (T entity : entities) {
            if (matchesAll(entity, groups, accessor)) {
                matches.add(entity);
            }
        }
        if (criteria.sortOrders() != null && !criteria.sortOrders().isEmpty()) {
            matches.sort(comparator(criteria.sortOrders(), accessor));
        }
        int total = matches.size();
        Integer pageSize = criteria.pageSize();
        if (pageSize == null || pageSize <= 0) {
            return new Page<>(matches, total);
        }
        int lastPage = Math.max(1, (total + pageSize - 1) / pageSize);
        int page = criteria.currentPage() == null ? 1 : Math.min(Math.max(criteria.currentPage(), 1), lastPage);
        int from = Math.min((page - 1) * pageSize, total);
        return new Page<>(List.copyOf(matches.subList(from, Math.min(from + pageSize, total))), total);
    }

    private static <T> boolean matchesAll(T entity, List<List<Prepared>> groups, FieldAccessor<T> accessor) {
        for (List<Prepared> group : groups) {
            if (group.isEmpty()) {
                continue;
            }
            boolean any = false;
            for (Prepared filter : group) {
                if (filter.matches(accessor.value(entity, filter.field))) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(Object fieldValue, SearchCriteria.Filter filter) {
        return new Prepared(filter).matches(fieldValue);
    }

    /** A filter with its value converted once: to a number, a date-time, a list, a LIKE pattern, as it is used. */
    private static final class Prepared {
        private final String field;
        private final String condition;
        private final Operand operand;
        private final List<Operand> items;
        private final Pattern like;

        Prepared(SearchCriteria.Filter filter) {
            this.field = filter.field();
            this.condition = filter.conditionType().toLowerCase(Locale.ROOT);
            String value = filter.value() == null ? "" : filter.value();
            this.operand = new Operand(value);
            this.items = condition.equals("in") || condition.equals("nin")
                    ? Arrays.stream(value.split(",", -1)).map(Operand::new).toList() : List.of();
            this.like = condition.equals("like") || condition.equals("nlike") ? like(value) : null;
        }

        boolean matches(Object fieldValue) {
            if (condition.equals("null")) {
                return fieldValue == null;
            }
            if (condition.equals("notnull")) {
                return fieldValue != null;
            }
            if (fieldValue == null) {
                return false;
            }
            switch (condition) {
                case "neq":
                    return compare(fieldValue, operand) != 0;
                case "gt":
                    return compare(fieldValue, operand) > 0;
                case "gteq":
                case "moreq":
                case "from":
                    return compare(fieldValue, operand) >= 0;
                case "lt":
                    return compare(fieldValue, operand) < 0;
                case "lteq":
                case "to":
                    return compare(fieldValue, operand) <= 0;
                case "in":
                    return items.stream().anyMatch(item -> compare(fieldValue, item) == 0);
                case "nin":
                    return items.stream().noneMatch(item -> compare(fieldValue, item) == 0);
                case "like":
                    return like.matcher(text(fieldValue)).matches();
                case "nlike":
                    return !like.matcher(text(fieldValue)).matches();
                case "finset":
                    return Arrays.asList(text(fieldValue).split(",", -1)).contains(operand.raw);
                case "nfinset":
                    return !Arrays.asList(text(fieldValue).split(",", -1)).contains(operand.raw);
                default:
                    // Magento's SQL builder treats an unknown condition key as a plain value: equality.
                    return compare(fieldValue, operand) == 0;
            }
        }
    }

    /** A filter value, with its number and date-time readings made when first needed and kept. */
    private static final class Operand {
        private final String raw;
        private BigDecimal number;
        private Long whole;
        private boolean wholeRead;
        private Instant instant;
        private boolean instantRead;

        Operand(String raw) {
            this.raw = raw;
        }

        BigDecimal number() {
            if (number == null) {
                number = mysqlNumber(raw);
            }
            return number;
        }

        /** @return the value as a long when MySQL reads it as a whole number, else {@code null} */
        Long whole() {
            if (!wholeRead) {
                BigDecimal value = number();
                try {
                    whole = value.stripTrailingZeros().scale() <= 0 ? value.longValueExact() : null;
                } catch (ArithmeticException tooLarge) {
                    whole = null;
                }
                wholeRead = true;
            }
            return whole;
        }

        Instant instant() {
            if (!instantRead) {
                instant = parseDateTime(raw);
                instantRead = true;
            }
            return instant;
        }
    }

    /** Compares a field value with a filter value converted to the field's type, as MySQL would. */
    private static int compare(Object fieldValue, Operand value) {
        if (fieldValue instanceof Boolean) {
            fieldValue = (Boolean) fieldValue ? 1 : 0;
        }
        if (fieldValue instanceof Long || fieldValue instanceof Integer) {
            Long whole = value.whole();
            if (whole != null) {
                return Long.compare(((Number) fieldValue).longValue(), whole);
            }
        }
        if (fieldValue instanceof Number) {
            return new BigDecimal(fieldValue.toString()).compareTo(value.number());
        }
        if (fieldValue instanceof Instant) {
            Instant parsed = value.instant();
            if (parsed != null) {
                return ((Instant) fieldValue).compareTo(parsed);
            }
        }
        return text(fieldValue).compareToIgnoreCase(value.raw);
    }

    private static BigDecimal mysqlNumber(String value) {
        Matcher matcher = NUMBER_PREFIX.matcher(value);
        return matcher.find() ? new BigDecimal(matcher.group().trim().replace("+", "")) : BigDecimal.ZERO;
    }

    private static Instant parseDateTime(String value) {
        Matcher matcher = DATE_TIME.matcher(value.trim());
        if (!matcher.matches()) {
            return null;
        }
        String time = matcher.group(2) == null ? "00:00:00" : matcher.group(2);
        try {
            return LocalDateTime.parse(matcher.group(1) + "T" + time).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(Object value) {
        if (value instanceof Instant) {
            return Json.formatDateTime((Instant) value);
        }
        if (value instanceof Double || value instanceof BigDecimal) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    /** SQL LIKE: {@code %} any run, {@code _} one character, backslash escapes; case-insensitive. */
    private static Pattern like(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    private static <T> Comparator<T> comparator(List<SearchCriteria.SortOrder> sorts, FieldAccessor<T> accessor) {
        Comparator<T> result = (a, b) -> 0;
        for (SearchCriteria.SortOrder sort : sorts) {
            if (sort.field() == null) {
                continue;
            }
            Comparator<T> byField = (a, b) -> compareValues(accessor.value(a, sort.field()), accessor.value(b, sort.field()));
            result = result.thenComparing(sort.ascending() ? byField : byField.reversed());
        }
        return result;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if ((a instanceof Long || a instanceof Integer) && (b instanceof Long || b instanceof Integer)) {
            return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
        }
        if (a instanceof Number && b instanceof Number) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
        }
        if (a instanceof String && b instanceof String) {
            return ((String) a).compareToIgnoreCase((String) b);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable) {
            return ((Comparable) a).compareTo(b);
        }
        return text(a).compareToIgnoreCase(text(b));
    }
}
