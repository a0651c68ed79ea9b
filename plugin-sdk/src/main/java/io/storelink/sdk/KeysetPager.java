package io.storelink.sdk;

import java.util.List;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Keyset paging: ask for the items after the last key seen ({@code ?since_id=1042&limit=250}), sorted by that key.
 * Unlike page numbers, a key does not move when items leave the list, so no item is skipped. The page token is the
 * last key of the page before:
 * <pre>{@code
 * Response answer = pager.apply(http.get("/orders.json"), request.pageToken()).send();
 * String next = pager.next(rows, row -> row.requireText("id"));
 * }</pre>
 */
public final class KeysetPager {

    private final String afterParam;
    private final String limitParam;
    private final int limit;

    private KeysetPager(String afterParam, String limitParam, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is at least 1, not " + limit);
        }
        this.afterParam = requireNonNull(afterParam, "afterParam is null");
        this.limitParam = requireNonNull(limitParam, "limitParam is null");
        this.limit = limit;
    }

    /**
     * @param afterParam the parameter naming the last key seen, for example {@code since_id}
     * @param limitParam the parameter naming the page size, for example {@code limit}
     * @param limit the page size
     * @return the pager
     */
    public static KeysetPager of(String afterParam, String limitParam, int limit) {
        return new KeysetPager(afterParam, limitParam, limit);
    }

    /** @return the page size */
    public int limit() {
        return limit;
    }

    /** @return the request asking for the page after {@code token} (none: the first page) */
    public StoreHttp.Request apply(StoreHttp.Request request, String token) {
        return request.query(afterParam, token).query(limitParam, Integer.toString(limit));
    }

    /**
     * @param items the page's items, in key order
     * @param key an item's key
     * @return the next page's token (the last item's key), or {@code null} when the page was not full: the end
     */
    public <T> String next(List<T> items, Function<T, String> key) {
        if (items.size() < limit) {
            return null;
        }
        return requireNonNull(key.apply(items.get(items.size() - 1)), "the last item's key is null");
    }
}
