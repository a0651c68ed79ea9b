package io.storelink.bench;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The floor's HTTP client: Apache HttpClient 5 built exactly as the plugin SDK's {@code StoreHttp}, which the
 * Magento 2 plugin uses, builds it by default (8 connections per route, 16 in all, the same timeouts, no redirects,
 * cookies or auth caching), and the same request headers. Bodies are read to the end and thrown away.
 */
final class FloorClient implements AutoCloseable {

    private static final int MAX_CONNECTIONS_PER_ROUTE = 8;

    private final CloseableHttpClient http;
    private final String bearer;

    FloorClient(String token) {
        Timeout timeout = Timeout.ofSeconds(30);
        this.bearer = "Bearer " + token;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(MAX_CONNECTIONS_PER_ROUTE)
                        .setMaxConnTotal(MAX_CONNECTIONS_PER_ROUTE * 2)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .setRedirectsEnabled(false)
                        .build())
                .setUserAgent("Storelink-bench-floor")
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    /** GETs a URL and reads the body to the end; @return the number of body bytes */
    long get(String url) {
        HttpGet request = new HttpGet(url);
        request.setHeader(HttpHeaders.AUTHORIZATION, bearer);
        request.setHeader(HttpHeaders.ACCEPT, "application/json");
        return execute(request, url);
    }

    /** POSTs a JSON body and reads the answer to the end; @return the number of body bytes */
    long post(String url, String json) {
        HttpPost request = new HttpPost(url);
        request.setHeader(HttpHeaders.AUTHORIZATION, bearer);
        request.setHeader(HttpHeaders.ACCEPT, "application/json");
        request.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        return execute(request, url);
    }

    /** GETs a URL; @return the body as text, for the harness's own checks (never timed) */
    String getText(String url) {
        HttpGet request = new HttpGet(url);
        request.setHeader(HttpHeaders.AUTHORIZATION, bearer);
        request.setHeader(HttpHeaders.ACCEPT, "application/json");
        try {
            return http.execute(request, response -> {
                String body = EntityUtils.toString(response.getEntity());
                if (response.getCode() != 200) {
                    throw new IOException(response.getCode() + " from " + url + ": " + body);
                }
                return body;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long execute(org.apache.hc.core5.http.ClassicHttpRequest request, String url) {
        try {
            return http.execute(request, response -> {
                long bytes = 0;
                if (response.getEntity() != null) {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = response.getEntity().getContent()) {
                        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                            bytes += read;
                        }
                    }
                }
                if (response.getCode() != 200) {
                    throw new IOException("floor request answered " + response.getCode() + ": " + url);
                }
                return bytes;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException ignored) {
            // closing the pool; nothing left to do
        }
    }
}
