package io.storelink.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class JsonReaderTest {

    private static JsonReader read(String json) throws Exception {
        return JsonReader.of(new ObjectMapper().readTree(json));
    }

    @Test
    void readsFieldsByPathWithTheConversionsStoresNeed() throws Exception {
        JsonReader order = read("{\"id\":\"723\",\"total\":\"29.35\",\"guest\":1,\"created\":\"2026-03-21 16:46:41\","
                + "\"billing\":{\"email\":\"ada@example.com\",\"company\":\"\"},"
                + "\"lines\":[{\"sku\":\"A\",\"qty\":2,\"price\":9.95},{\"sku\":12,\"qty\":\"1.0\",\"price\":null}]}");

        assertThat(order.requireLong("id")).isEqualTo(723);
        assertThat(order.requireDecimal("total")).isEqualTo(new BigDecimal("29.35"));
        assertThat(order.requireBool("guest")).isTrue();
        assertThat(order.requireInstant("created")).isEqualTo(Instant.parse("2026-03-21T16:46:41Z"));
        assertThat(order.text("billing.email")).isEqualTo("ada@example.com");
        assertThat(order.text("billing.company")).as("blank is missing").isNull();
        assertThat(order.object("shipping").text("city")).isNull();
        assertThat(order.text("lines[1].sku")).isEqualTo("12");
        List<JsonReader> lines = order.requireArray("lines");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).requireDecimal("price")).isEqualTo(new BigDecimal("9.95"));
        assertThat(lines.get(1).requireLong("qty")).isEqualTo(1);
        assertThat(lines.get(1).decimal("price")).isNull();
        assertThat(lines.get(1).path()).isEqualTo("lines[1]");
        assertThat(order.array("notes")).isEmpty();
        assertThat(order.has("billing")).isTrue();
    }

    @Test
    void namesTheWholePathTheValueAndWhatWasExpected() throws Exception {
        JsonReader order = read("{\"id\":12.5,\"lines\":[{\"sku\":\"A\",\"qty\":\"two\",\"at\":\"soon\"},"
                + "{\"sku\":\" \",\"qty\":{\"n\":1}}],\"flag\":\"maybe\",\"items\":{}}");
        List<JsonReader> lines = order.array("lines");

        assertThatThrownBy(() -> order.requireLong("id")).isInstanceOf(InvalidValueException.class)
                .hasMessage("id is '12.5', expected a whole number");
        assertThatThrownBy(() -> lines.get(0).decimal("qty")).hasMessage("lines[0].qty is 'two', expected a number");
        assertThatThrownBy(() -> lines.get(0).requireDecimal("qty", "how many were ordered"))
                .hasMessage("lines[0].qty is 'two', expected how many were ordered");
        assertThatThrownBy(() -> lines.get(1).requireText("sku", "the SKU to ship"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("lines[1].sku");
                    assertThat(e).hasMessage("lines[1].sku is missing, expected the SKU to ship");
                });
        assertThatThrownBy(() -> lines.get(1).text("qty")).hasMessage("lines[1].qty is '{\"n\":1}', expected text");
        assertThatThrownBy(() -> lines.get(0).instant("at")).hasMessageStartingWith("lines[0].at is 'soon', expected a date");
        assertThatThrownBy(() -> order.bool("flag")).hasMessage("flag is 'maybe', expected true or false");
        assertThatThrownBy(() -> order.array("items")).hasMessage("items is '{}', expected an array");
        assertThatThrownBy(() -> order.requireArray("missing")).hasMessage("missing is missing, expected an array");
    }
}
