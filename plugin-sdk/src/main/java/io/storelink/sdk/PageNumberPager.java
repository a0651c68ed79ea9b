package io.storelink.sdk;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;

import static java.util.Objects.requireNonNull;

/**
 * Paging by page number ({@code ?page=3&per_page=100}), with the totals a store may send in headers (WordPress's
 * {@code X-WP-Total} and {@code X-WP-TotalPages}, say). One page per call: the page token is the page number, so a
 * {@code RangedImport.fetchPage} reads
 * <pre>{@code
 * long page = pager.page(request.pageToken());
 * Response answer = pager.apply(http.get("/orders"), page).send();
 * PageNumberPager.Step step = pager.next(page, answer, rows.size());
 * return new OrderPage(orders, failed, step.nextToken(), cursor, step.remaining());
 * }</pre>
 * Page numbers are offsets: when items leave the list during a walk, later items move to earlier pages. Walk a list
 * that may shrink with {@link KeysetPager} where the store can filter by key, or check the item before a page as the
 * WooCommerce plugin does.
 */
public final class PageNumberPager {

    private static final String TOKEN_PREFIX = "page:";

    private final int perPage;
    private final String pageParam;
    private final String perPageParam;
    private final String totalHeader;
    private final String totalPagesHeader;

    private PageNumberPager(int perPage, String pageParam, String perPageParam, String totalHeader,
                            String totalPagesHeader) {
        if (perPage < 1) {
            throw new IllegalArgumentException("perPage is at least 1, not " + perPage);
        }
        this.perPage = perPage;
        this.pageParam = requireNonNull(pageParam, "pageParam is null");
        this.perPageParam = requireNonNull(perPageParam, "perPageParam is null");
        this.totalHeader = totalHeader;
        this.totalPagesHeader = totalPagesHeader;
    }

    /** @return a pager of {@code perPage} items, asking with {@code page} and {@code per_page}, without total headers */
    public static PageNumberPager of(int perPage) {
        return new PageNumberPager(perPage, "page", "per_page", null, null);
    }

    /** @return this pager asking with these parameter names */
    public PageNumberPager params(String page, String perPage) {
        return new PageNumberPager(this.perPage, page, perPage, totalHeader, totalPagesHeader);
    }

    /** @return this pager reading the item count and page count from these headers (either may be {@code null}) */
    public PageNumberPager totalHeaders(String total, String totalPages) {
        return new PageNumberPager(perPage, pageParam, perPageParam, total, totalPages);
    }

    /** @return the items per page */
    public int perPage() {
        return perPage;
    }

    /** @return the request asking for {@code page} (1 is the first) */
    public StoreHttp.Request apply(StoreHttp.Request request, long page) {
        return request.query(pageParam, Long.toString(page)).query(perPageParam, Integer.toString(perPage));
    }

    /**
     * @param token a token from {@link Step#nextToken()}, or {@code null} for the first page
     * @return the page the token names
     */
    public long page(String token) {
        if (token == null) {
            return 1;
        }
        String number = token.startsWith(TOKEN_PREFIX) ? token.substring(TOKEN_PREFIX.length()) : "";
        if (!number.matches("[1-9][0-9]{0,17}")) {
            throw ConnectorException.of(ErrorKind.PLUGIN_FAILURE, "The page token '" + token
                    + "' is not a page number token; expected " + TOKEN_PREFIX + "<page from 1>");
        }
        return Long.parseLong(number);
    }

    /** @return the token of a page, for {@link #page(String)} */
    public static String token(long page) {
        return TOKEN_PREFIX + page;
    }

    /**
     * Where the walk goes after a page: on to the next page while this one was full and the store's page count (when
     * it sends one) says there are more.
     *
     * @param page the page just read
     * @param answer its answer, for the total headers
     * @param items how many items it held
     * @return the next step
     */
    public Step next(long page, StoreHttp.Response answer, int items) {
        long total = totalHeader == null ? -1 : answer.headerLong(totalHeader, -1);
        long pages = totalPagesHeader == null ? -1 : answer.headerLong(totalPagesHeader, -1);
        boolean more = items >= perPage && (pages < 0 || page < pages);
        long remaining = !more ? 0 : total >= 0 ? Math.max(0, total - page * perPage) : -1;
        return new Step(page, more ? page + 1 : 0, total, remaining);
    }

    /**
     * @param page the page read
     * @param nextPage the page to read next, or 0 when the walk is done
     * @param total the item count the store reported, or -1
     * @param remaining the items after this page, 0 when done, -1 when unknown
     */
    public record Step(long page, long nextPage, long total, long remaining) {
        /** @return whether there is a next page */
        public boolean hasMore() {
            return nextPage > 0;
        }

        /** @return the next page's token, or {@code null} when done */
        public String nextToken() {
            return hasMore() ? token(nextPage) : null;
        }
    }
}
