package io.storelink.sandbox;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

final class PhpQueryTest {
    @Test
    void buildsNestedMapsFromBracketedKeys() {
        Map<String, Object> query = PhpQuery.parse("searchCriteria%5BfilterGroups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=status&fields=items");

        assertThat(query).isEqualTo(Map.of("searchCriteria", Map.of("filterGroups", Map.of("0",
                Map.of("filters", Map.of("0", Map.of("field", "status"))))), "fields", "items"));
    }

    @Test
    void decodesLikePhp() {
        assertThat(PhpQuery.parse("a=2024-05-01%2012:00:00&b=x+y&c=100%25&d=%zz&e")).isEqualTo(
                Map.of("a", "2024-05-01 12:00:00", "b", "x y", "c", "100%", "d", "%zz", "e", ""));
    }

    @Test
    void appendsEmptyBracketsAndKeepsTheLastValue() {
        assertThat(PhpQuery.parse("a[]=1&a[]=2&b=1&b=2")).isEqualTo(Map.of("a", Map.of("0", "1", "1", "2"), "b", "2"));
    }
}
