package io.storelink.core.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.storelink.api.Order;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The canonical JSON of an {@link Order}: what the database stores and {@code orders export} writes. */
public final class OrderJson {

    private static final ObjectMapper MAPPER = plainDecimals(JsonMapper.builder())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Absent rather than null: smaller rows, less to write per order; reading gives null back.
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private OrderJson() {
    }

    /**
     * Money and quantities as the store gave them: plain decimals ({@code 110}, never {@code 1.1E+2}; {@code
     * 0.00000001}, never {@code 1E-8}) with their scale ({@code 110.0000} stays {@code 110.0000}), also when they
     * pass through a JSON tree, which would otherwise strip trailing zeros.
     *
     * @param builder a mapper builder
     * @return the builder, configured
     */
    public static JsonMapper.Builder plainDecimals(JsonMapper.Builder builder) {
        return builder.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    /** @return the mapper, for writers that stream */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** @param order an order @return its canonical JSON on one line */
    public static String write(Order order) {
        return new String(writeBytes(order), StandardCharsets.UTF_8);
    }

    /**
     * @param order an order
     * @return its canonical JSON as UTF-8: what the database stores; cheaper to write than a String
     */
    public static byte[] writeBytes(Order order) {
        try {
            return OrderJsonWriter.write(MAPPER.getFactory(), order);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write order " + order.orderNumber() + " as JSON", e);
        }
    }

    /** @param json canonical JSON as UTF-8 @return the order */
    public static Order read(byte[] json) {
        try {
            return MAPPER.readValue(json, Order.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored order is not valid canonical JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("Stored order is not valid canonical JSON: " + e.getMessage(), e);
        }
    }

    /** @param json canonical JSON @return the order */
    public static Order read(String json) {
        try {
            return MAPPER.readValue(json, Order.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored order is not valid canonical JSON: " + e.getOriginalMessage(), e);
        }
    }
}
