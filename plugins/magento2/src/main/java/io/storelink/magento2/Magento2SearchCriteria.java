package io.storelink.magento2;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Magento's {@code searchCriteria}: filter groups that are ANDed, each a list of filters that are ORed, one sort and
 * one page. The sort always carries its direction, because Magento sorts DESC when it is left out.
 *
 * @param filterGroups the groups, each non-empty
 * @param sortField the field to sort by
 * @param ascending whether to sort ascending
 * @param pageSize the page size, 1 to {@value Magento2Config#MAX_PAGE_SIZE}
 * @param currentPage the 1-based page
 */
record Magento2SearchCriteria(List<List<Filter>> filterGroups, String sortField, boolean ascending, int pageSize,
                              int currentPage) {

    Magento2SearchCriteria {
        filterGroups = requireNonNull(filterGroups, "filterGroups is null").stream().map(List::copyOf).toList();
        requireNonNull(sortField, "sortField is null");
        if (filterGroups.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a filter group must not be empty");
        }
        if (pageSize < 1 || pageSize > Magento2Config.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + Magento2Config.MAX_PAGE_SIZE
                    + ": " + pageSize);
        }
        if (currentPage < 1) {
            throw new IllegalArgumentException("currentPage must be positive: " + currentPage);
        }
    }

    /** One condition, for example {@code status in processing,pending}. */
    record Filter(String field, String conditionType, String value) {
        Filter {
            requireNonNull(field, "field is null");
            requireNonNull(conditionType, "conditionType is null");
            requireNonNull(value, "value is null");
        }
    }

    static Builder builder() {
        return new Builder();
    }

    /** The query parameters, in order, before URL encoding. */
    List<String[]> parameters() {
        List<String[]> parameters = new ArrayList<>();
        for (int group = 0; group < filterGroups.size(); group++) {
            List<Filter> filters = filterGroups.get(group);
            for (int index = 0; index < filters.size(); index++) {
                String prefix = "searchCriteria[filter_groups][" + group + "][filters][" + index + "]";
                Filter filter = filters.get(index);
                parameters.add(new String[] {prefix + "[field]", filter.field()});
                parameters.add(new String[] {prefix + "[value]", filter.value()});
                parameters.add(new String[] {prefix + "[condition_type]", filter.conditionType()});
            }
        }
        parameters.add(new String[] {"searchCriteria[sortOrders][0][field]", sortField});
        parameters.add(new String[] {"searchCriteria[sortOrders][0][direction]", ascending ? "ASC" : "DESC"});
        parameters.add(new String[] {"searchCriteria[pageSize]", Integer.toString(pageSize)});
        parameters.add(new String[] {"searchCriteria[currentPage]", Integer.toString(currentPage)});
        return parameters;
    }

    /** Builds criteria group by group; sorts by {@code entity_id} ascending on page 1 unless told otherwise. */
    static final class Builder {
        private final List<List<Filter>> groups = new ArrayList<>();
        private String sortField = "entity_id";
        private boolean ascending = true;
        private int pageSize = Magento2Config.MAX_PAGE_SIZE;

        private Builder() {
        }

        /** Adds a group with one filter. */
        Builder where(String field, String conditionType, String value) {
            groups.add(List.of(new Filter(field, conditionType, value)));
            return this;
        }

        /** Adds a group whose filters are ORed. */
        Builder whereAny(List<Filter> filters) {
            groups.add(List.copyOf(filters));
            return this;
        }

        Builder sortBy(String field, boolean newAscending) {
            this.sortField = field;
            this.ascending = newAscending;
            return this;
        }

        Builder pageSize(int newPageSize) {
            this.pageSize = newPageSize;
            return this;
        }

        Magento2SearchCriteria build() {
            return new Magento2SearchCriteria(groups, sortField, ascending, pageSize, 1);
        }
    }
}
