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
        List<T> matches = new ArrayList<>();
        for (T entity : entities) {
            if (matchesAll(entity, criteria.filterGroups(), accessor)) {
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

    private static <T> boolean matchesAll(T entity, List<List<SearchCriteria.Filter>> groups, FieldAccessor<T> accessor) {
        for (List<SearchCriteria.Filter> group : groups) {
            if (group.isEmpty()) {
                continue;
            }
            boolean any = false;
            for (SearchCriteria.Filter filter : group) {
                if (matches(accessor.value(entity, filter.field()), filter)) {
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
        String condition = filter.conditionType().toLowerCase(Locale.ROOT);
        if (condition.equals("null")) {
            return fieldValue == null;
        }
        if (condition.equals("notnull")) {
            return fieldValue != null;
        }
        if (fieldValue == null) {
            return false;
        }
        String value = filter.value() == null ? "" : filter.value();
        switch (condition) {
            case "neq":
                return compare(fieldValue, value) != 0;
            case "gt":
                return compare(fieldValue, value) > 0;
            case "gteq":
            case "moreq":
            case "from":
                return compare(fieldValue, value) >= 0;
            case "lt":
                return compare(fieldValue, value) < 0;
            case "lteq":
            case "to":
                return compare(fieldValue, value) <= 0;
            case "in":
                return Arrays.stream(value.split(",", -1)).anyMatch(item -> compare(fieldValue, item) == 0);
            case "nin":
                return Arrays.stream(value.split(",", -1)).noneMatch(item -> compare(fieldValue, item) == 0);
            case "like":
                return like(value).matcher(text(fieldValue)).matches();
            case "nlike":
                return !like(value).matcher(text(fieldValue)).matches();
            case "finset":
                return Arrays.asList(text(fieldValue).split(",", -1)).contains(value);
            case "nfinset":
                return !Arrays.asList(text(fieldValue).split(",", -1)).contains(value);
            default:
                // Magento's SQL builder treats an unknown condition key as a plain value: equality.
                return compare(fieldValue, value) == 0;
        }
    }

    /** Compares a field value with a filter value converted to the field's type, as MySQL would. */
    private static int compare(Object fieldValue, String value) {
        if (fieldValue instanceof Boolean) {
            fieldValue = (Boolean) fieldValue ? 1 : 0;
        }
        if (fieldValue instanceof Number) {
            return new BigDecimal(fieldValue.toString()).compareTo(mysqlNumber(value));
        }
        if (fieldValue instanceof Instant) {
            Instant parsed = parseDateTime(value);
            if (parsed != null) {
                return ((Instant) fieldValue).compareTo(parsed);
            }
        }
        return text(fieldValue).compareToIgnoreCase(value);
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
