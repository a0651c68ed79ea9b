package io.storelink.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.api.ConnectorException;
import io.storelink.api.Secret;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pagers walk multi-page lists of a WireMock store, one page per call as RangedImport.fetchPage reads them. */
final class PagersTest extends LoopbackStore {

    private static StoreHttp http() {
        return StoreHttp.builder("Test store", URI.create("http://localhost:" + store.port()), TestContext.standard())
                .queryKey("key", Secret.of("k_1"), "secret", Secret.of("s_SECRET")).build();
    }

    /** Ids {@code from..to} as a JSON array of {"id": n}. */
    private static String ids(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(id -> "{\"id\":" + id + "}")
                .reduce((a, b) -> a + "," + b).map(list -> "[" + list + "]").orElse("[]");
    }

    private static List<Integer> idsOf(JsonNode rows) {
        List<Integer> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.path("id").asInt()));
        return ids;
    }

    @Test
    void pageNumbersWalkThreePagesByTheTotalHeadersCountingWhatRemains() {
        for (int page = 1; page <= 3; page++) {
            store.stubFor(get(urlPathEqualTo("/orders")).withQueryParam("page", equalTo(Integer.toString(page)))
                    .withQueryParam("per_page", equalTo("2"))
                    .willReturn(okJson(ids(page * 2 - 1, Math.min(page * 2, 5)))
                            .withHeader("X-WP-Total", "5").withHeader("X-WP-TotalPages", "3")));
        }
        PageNumberPager pager = PageNumberPager.of(2).totalHeaders("X-WP-Total", "X-WP-TotalPages");
        List<Integer> seen = new ArrayList<>();
        List<Long> remaining = new ArrayList<>();
        String token = null;
        try (StoreHttp http = http()) {
            do {
                long page = pager.page(token);
                StoreHttp.Response answer = pager.apply(http.get("/orders"), page).send();
                List<Integer> rows = idsOf(answer.json());
                seen.addAll(rows);
                PageNumberPager.Step step = pager.next(page, answer, rows.size());
                remaining.add(step.remaining());
                token = step.nextToken();
            } while (token != null);
        }
        assertThat(seen).containsExactly(1, 2, 3, 4, 5);
        assertThat(remaining).containsExactly(3L, 1L, 0L);
        assertThatThrownBy(() -> pager.page("page:zero")).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("'page:zero'").hasMessageContaining("page:<page from 1>");
    }

    @Test
    void pageNumbersWithoutTotalsEndAtAPageThatIsNotFull() {
        store.stubFor(get(urlPathEqualTo("/items")).withQueryParam("p", equalTo("1"))
                .willReturn(okJson(ids(1, 3))));
        store.stubFor(get(urlPathEqualTo("/items")).withQueryParam("p", equalTo("2"))
                .willReturn(okJson(ids(4, 4))));
        PageNumberPager pager = PageNumberPager.of(3).params("p", "size");
        try (StoreHttp http = http()) {
            StoreHttp.Response first = pager.apply(http.get("/items"), 1).send();
            PageNumberPager.Step one = pager.next(1, first, first.json().size());
            StoreHttp.Response second = pager.apply(http.get("/items"), one.nextPage()).send();
            PageNumberPager.Step two = pager.next(2, second, second.json().size());

            assertThat(one.nextToken()).isEqualTo("page:2");
            assertThat(one.remaining()).isEqualTo(-1);
            assertThat(two.hasMore()).isFalse();
            assertThat(two.nextToken()).isNull();
        }
    }

    @Test
    void keysetAsksAfterTheLastKeyUntilAPageIsNotFull() {
        store.stubFor(get(urlPathEqualTo("/orders")).withQueryParam("since_id", absent())
                .withQueryParam("limit", equalTo("3")).willReturn(okJson(ids(1, 3))));
        store.stubFor(get(urlPathEqualTo("/orders")).withQueryParam("since_id", equalTo("3"))
                .willReturn(okJson(ids(4, 6))));
        store.stubFor(get(urlPathEqualTo("/orders")).withQueryParam("since_id", equalTo("6"))
                .willReturn(okJson(ids(7, 7))));
        KeysetPager pager = KeysetPager.of("since_id", "limit", 3);
        List<Integer> seen = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        String token = null;
        try (StoreHttp http = http()) {
            do {
                List<JsonReader> rows = JsonReader.of(pager.apply(http.get("/orders"), token).json()).array("");
                rows.forEach(row -> seen.add((int) row.requireLong("id")));
                token = pager.next(rows, row -> row.requireText("id"));
                tokens.add(token);
            } while (token != null);
        }
        assertThat(seen).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(tokens).containsExactly("3", "6", null);
    }

    @Test
    void linkHeadersAreFollowedWithoutKeepingTheCredentialsInTheToken() {
        String base = "http://localhost:" + store.port();
        store.stubFor(get(urlPathEqualTo("/orders")).withQueryParam("page_info", absent())
                .withQueryParam("secret", equalTo("s_SECRET")).willReturn(okJson(ids(1, 2))
                        .withHeader("Link", "<" + base + "/orders?page_info=b&key=k_1&secret=s_SECRET>; rel=\"next\", "
                                + "<" + base + "/orders?page_info=a>; rel=\"previous\"")));
        store.stubFor(get(urlPathEqualTo("/orders")).withQueryParam("page_info", equalTo("b"))
                .withQueryParam("secret", equalTo("s_SECRET")).willReturn(okJson(ids(3, 4))
                        .withHeader("Link", "</orders?page_info=c>; rel=next")));
        store.stubFor(get(urlPathEqualTo("/orders")).withQueryParam("page_info", equalTo("c"))
                .withQueryParam("secret", equalTo("s_SECRET")).willReturn(okJson(ids(5, 5))
                        .withHeader("Link", "</orders?page_info=b>; rel=\"previous\"")));
        LinkPager pager = LinkPager.next();
        List<Integer> seen = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        String token = null;
        try (StoreHttp http = http()) {
            do {
                StoreHttp.Response answer = pager.request(http, token,
                        () -> http.get("/orders").query("limit", "2")).send();
                seen.addAll(idsOf(answer.json()));
                token = pager.next(answer);
                if (token != null) {
                    assertThat(token).doesNotContain("s_SECRET").doesNotContain("key=");
                    assertThat(tokens.add(token)).as("tokens never repeat").isTrue();
                }
            } while (token != null);
        }
        assertThat(seen).containsExactly(1, 2, 3, 4, 5);
        assertThat(tokens).containsExactlyInAnyOrder(base + "/orders?page_info=b", base + "/orders?page_info=c");
    }
}
