package io.storelink.sdk;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.api.ImportRange;

import java.net.URI;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Paging by the {@code Link} header (RFC 8288): the store names the next page's URL,
 * {@code Link: <https://shop.example.com/orders?page_info=abc>; rel="next"}, and the walk ends when it names none.
 * The page token is that URL, with the credentials' query parameters taken out ({@link StoreHttp.Response#links()});
 * it is only followed on the store's own origin.
 * <pre>{@code
 * Response answer = pager.request(http, request.pageToken(), () -> http.get("/orders").query("limit", "250")).send();
 * String next = pager.next(answer);
 * }</pre>
 */
public final class LinkPager {

    private final String rel;

    private LinkPager(String rel) {
        this.rel = requireNonNull(rel, "rel is null");
    }

    /** @return a pager following {@code rel="next"} */
    public static LinkPager next() {
        return new LinkPager("next");
    }

    /** @return a pager following another relation */
    public static LinkPager following(String rel) {
        return new LinkPager(rel);
    }

    /**
     * @param token a token from {@link #next(StoreHttp.Response)}, or {@code null} for the first page
     * @param first the first page's request
     * @return the request for the page the token names
     */
    public StoreHttp.Request request(StoreHttp http, String token, Supplier<StoreHttp.Request> first) {
        return token == null ? first.get() : http.get(URI.create(token));
    }

    /**
     * @return the next page's token, or {@code null} when the answer links no next page
     * @throws ConnectorException when the link is longer than a page token may be
     */
    public String next(StoreHttp.Response answer) {
        URI next = answer.links().get(rel);
        if (next == null) {
            return null;
        }
        String token = next.toString();
        if (token.length() > ImportRange.MAX_TOKEN_LENGTH) {
            throw ConnectorException.of(ErrorKind.REMOTE_REJECTED, "The " + rel + " link of " + answer.what()
                    + " is " + token.length() + " characters long; a page token holds at most "
                    + ImportRange.MAX_TOKEN_LENGTH);
        }
        return token;
    }
}
