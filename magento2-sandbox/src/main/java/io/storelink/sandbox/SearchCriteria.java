package io.storelink.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Magento's {@code searchCriteria} request argument: filter groups (ANDed) of filters (ORed), sort orders, and
 * optional page size and current page, parsed from PHP-style query parameters in either spelling
 * ({@code filter_groups} or {@code filterGroups}...). {@link #toJson()} renders the echo Magento puts in
 * {@code search_criteria}, always in snake_case.
 */
record SearchCriteria(List<List<Filter>> filterGroups, List<SortOrder> sortOrders, Integer pageSize,
                      Integer currentPage) {
    static final int MAX_PAGE_SIZE = 300;

    SearchCriteria {
        filterGroups = filterGroups.stream().map(List::copyOf).toList();
        sortOrders = sortOrders == null ? null : List.copyOf(sortOrders);
    }

    /** One condition; {@code conditionType} defaults to {@code eq}. */
    record Filter(String field, String value, String conditionType) {
        Filter {
            requireNonNull(field, "field is null");
            requireNonNull(conditionType, "conditionType is null");
        }
    }

    /** A sort; a missing direction means DESC (docs/magento2-rest-api.md §0.6), but the echo shows what was sent. */
    record SortOrder(String field, String direction) {
        boolean ascending() {
            return direction != null && direction.toUpperCase(Locale.ROOT).equals("ASC");
        }
    }

    /** Reads {@code searchCriteria} from parsed query parameters; it is required (docs/magento2-rest-api.md §0.5). */
    static SearchCriteria fromQuery(Map<String, Object> query) {
        if (!query.containsKey("searchCriteria")) {
            throw ApiException.requiredField("searchCriteria");
        }
        Map<String, Object> criteria = map(query.get("searchCriteria"));
        List<List<Filter>> groups = new ArrayList<>();
        for (Object group : map(get(criteria, "filterGroups")).values()) {
            List<Filter> filters = new ArrayList<>();
            for (Object filter : map(get(map(group), "filters")).values()) {
                Map<String, Object> fields = map(filter);
                String field = string(get(fields, "field"));
                if (field == null) {
                    throw ApiException.requiredField("field");
                }
                String condition = string(get(fields, "conditionType"));
                filters.add(new Filter(field, string(get(fields, "value")),
                        condition == null || condition.isEmpty() ? "eq" : condition));
            }
            groups.add(filters);
        }
        Object sorts = get(criteria, "sortOrders");
        List<SortOrder> sortOrders = null;
        if (sorts != null) {
            sortOrders = new ArrayList<>();
            for (Object sort : map(sorts).values()) {
                Map<String, Object> fields = map(sort);
                sortOrders.add(new SortOrder(string(get(fields, "field")), string(get(fields, "direction"))));
            }
        }
        Integer pageSize = integer(get(criteria, "pageSize"));
        if (pageSize != null && pageSize > MAX_PAGE_SIZE) {
            throw new ApiException(400, MagentoMessages.MAX_PAGE_SIZE, Json.object().put("max", MAX_PAGE_SIZE));
        }
        return new SearchCriteria(groups, sortOrders, pageSize, integer(get(criteria, "currentPage")));
    }

    ObjectNode toJson() {
        ArrayNode groups = Json.array();
        for (List<Filter> group : filterGroups) {
            ArrayNode filters = Json.array();
            for (Filter filter : group) {
                ObjectNode node = Json.object().put("field", filter.field());
                Json.put(node, "value", filter.value());
                filters.add(node.put("condition_type", filter.conditionType()));
            }
            groups.add(Json.object().set("filters", filters));
        }
        ObjectNode json = Json.object();
        json.set("filter_groups", groups);
        if (sortOrders != null) {
            ArrayNode sorts = json.putArray("sort_orders");
            for (SortOrder sort : sortOrders) {
                ObjectNode node = Json.put(Json.object(), "field", sort.field());
                sorts.add(Json.put(node, "direction", sort.direction()));
            }
        }
        if (pageSize != null) {
            json.put("page_size", pageSize);
        }
        if (currentPage != null) {
            json.put("current_page", currentPage);
        }
        return json;
    }

    /** Looks a key up in either spelling: {@code filterGroups} matches {@code filter_groups} (and any case). */
    private static Object get(Map<String, Object> map, String camelKey) {
        String wanted = normalize(camelKey);
        Object found = null;
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            if (normalize(entry.getKey()).equals(wanted)) {
                found = entry.getValue();
            }
        }
        return found;
    }

    private static String normalize(String key) {
        return key.replace("_", "").toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    private static String string(Object value) {
        return value instanceof String ? (String) value : null;
    }

    private static Integer integer(Object value) {
        String text = string(value);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidType(text, "int");
        }
    }
}
