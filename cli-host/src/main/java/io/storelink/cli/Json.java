package io.storelink.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.storelink.core.order.OrderJson;

import java.io.PrintWriter;

/** Writes the {@code --json} output of every command: pretty-printed, one document, ending with a newline. */
final class Json {

    /** Plain decimals as in the canonical order JSON: {@code 110}, not {@code 1.1E+2}. */
    private static final ObjectMapper MAPPER = OrderJson.plainDecimals(JsonMapper.builder())
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private Json() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    static void print(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON output", e);
        }
    }
}
