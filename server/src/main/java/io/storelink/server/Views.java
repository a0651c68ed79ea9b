package io.storelink.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.api.ConnectionCheck;
import io.storelink.api.Order;
import io.storelink.api.PlatformDescriptor;
import io.storelink.api.ShipmentLine;
import io.storelink.api.ShipmentResult;
import io.storelink.api.TrackingNumber;
import io.storelink.core.connection.Connection;
import io.storelink.core.order.ImportRun;
import io.storelink.core.order.ImportedOrder;
import io.storelink.core.order.OrderJson;
import io.storelink.core.plugin.PlatformPlugin;
import io.storelink.core.plugin.PluginProblem;
import io.storelink.core.shipment.BatchReport;
import io.storelink.core.shipment.ShipmentRecord;
import io.storelink.core.status.ConnectionStatus;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON the API answers with, field by field, as {@code openapi.json} documents it. Secrets appear only masked.
 */
final class Views {

    /** Plain decimals as in the canonical order JSON: {@code 110}, never {@code 1.1E+2}. */
    static final ObjectMapper JSON = OrderJson.plainDecimals(JsonMapper.builder()).build();

    private Views() {
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ObjectNode platforms(List<PlatformPlugin> plugins, List<PluginProblem> problems) {
        ObjectNode document = object();
        ArrayNode platforms = document.putArray("platforms");
        for (PlatformPlugin plugin : plugins) {
            PlatformDescriptor descriptor = plugin.descriptor();
            ObjectNode platform = platforms.addObject()
                    .put("id", descriptor.id())
                    .put("name", descriptor.displayName())
                    .put("version", descriptor.version())
                    .put("description", descriptor.description())
                    .put("plugin", plugin.pluginId())
                    .put("pluginVersion", plugin.pluginVersion());
            ArrayNode capabilities = platform.putArray("capabilities");
            descriptor.capabilities().stream().map(Enum::name).sorted().forEach(capabilities::add);
        }
        ArrayNode failed = document.putArray("failed");
        for (PluginProblem problem : problems) {
            failed.addObject().put("source", problem.source().getFileName().toString()).put("reason", problem.reason());
        }
        return document;
    }

    /** A connection with its values as {@code ConnectionService.displayValues} shows them: secrets masked. */
    static ObjectNode connection(Connection connection, Map<String, Object> display) {
        ObjectNode document = object()
                .put("name", connection.name())
                .put("platform", connection.platform())
                .put("createdAt", connection.createdAt().toString())
                .put("updatedAt", connection.updatedAt().toString());
        ObjectNode credentials = document.putObject("credentials");
        connection.credentials().keySet().forEach(key -> credentials.set(key, JSON.valueToTree(display.get(key))));
        ObjectNode settings = document.putObject("settings");
        connection.settings().keySet().forEach(key -> settings.set(key, JSON.valueToTree(display.get(key))));
        return document;
    }

    static ObjectNode check(String connection, ConnectionCheck check) {
        ObjectNode document = object().put("connection", connection).put("passed", check.passed());
        ArrayNode steps = document.putArray("steps");
        for (ConnectionCheck.Step step : check.steps()) {
            steps.addObject().put("code", step.code()).put("title", step.title())
                    .put("outcome", step.outcome().name().toLowerCase(Locale.ROOT))
                    .put("detail", step.detail()).put("remedy", step.remedy());
        }
        return document;
    }

    static ObjectNode run(ImportRun run, Optional<ImportRuns.Progress> progress) {
        ObjectNode node = object()
                .put("id", run.id())
                .put("connection", run.connection())
                .put("startedAt", run.startedAt().toString())
                .put("finishedAt", text(run.finishedAt()))
                .put("result", run.result().value())
                .put("found", run.found())
                .put("imported", run.imported())
                .put("alreadyImported", run.alreadyImported())
                .put("heldBack", run.heldBack())
                .put("failed", run.failed());
        node.put("durationMs", run.duration() == null ? null : run.duration().toMillis());
        node.put("error", run.error());
        if (progress.isPresent()) {
            node.putObject("progress").put("done", progress.get().done()).put("total", progress.get().total())
                    .put("retries", progress.get().retries());
        } else {
            node.putNull("progress");
        }
        return node;
    }

    static ObjectNode orderSummary(ImportedOrder imported) {
        Order order = imported.order();
        ObjectNode node = object()
                .put("orderNumber", order.orderNumber())
                .put("platformOrderId", order.platformOrderId())
                .put("placedAt", text(order.placedAt()))
                .put("status", order.status())
                .put("fulfilment", imported.fulfilment().value())
                .put("importedAt", imported.importedAt().toString())
                .put("lines", order.lines() == null ? 0 : order.lines().size());
        node.put("grandTotal", order.totals() == null ? null : order.totals().grandTotal());
        node.put("currency", order.totals() == null ? null : order.totals().currency());
        node.put("email", order.customer() == null ? null : order.customer().email());
        return node;
    }

    static ObjectNode order(ImportedOrder imported) {
        ObjectNode node = object()
                .put("connection", imported.connection())
                .put("importedAt", imported.importedAt().toString())
                .put("fulfilment", imported.fulfilment().value());
        node.set("order", canonical(imported.order()));
        return node;
    }

    /** The canonical order JSON, as the database stores it and {@code orders export} writes it. */
    static JsonNode canonical(Order order) {
        try {
            return JSON.readTree(OrderJson.writeBytes(order));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read the canonical JSON of order " + order.orderNumber(), e);
        }
    }

    static ObjectNode shipment(ShipmentRecord record) {
        ObjectNode node = object()
                .put("id", record.id())
                .put("connection", record.connection())
                .put("orderNumber", record.orderNumber())
                .put("state", record.state().value())
                .put("attempts", record.attempts())
                .put("remoteId", record.remoteId())
                .put("alreadyExisted", record.alreadyExisted())
                .put("lastError", record.lastError())
                .put("createdAt", record.createdAt().toString())
                .put("updatedAt", record.updatedAt().toString());
        ArrayNode tracking = node.putArray("tracking");
        for (TrackingNumber track : record.request().tracking()) {
            tracking.addObject().put("carrier", track.carrierCode()).put("number", track.number())
                    .put("title", track.title());
        }
        ArrayNode lines = node.putArray("lines");
        for (ShipmentLine line : record.request().lines()) {
            lines.addObject().put("sku", line.sku()).put("lineId", line.lineId()).put("quantity", line.quantity());
        }
        ArrayNode shipped = node.putArray("shipped");
        for (ShipmentResult.Shipped line : record.shipped()) {
            shipped.addObject().put("sku", line.sku()).put("lineId", line.lineId()).put("quantity", line.quantity());
        }
        node.put("notifyCustomer", record.request().notifyCustomer());
        node.put("comment", record.request().comment());
        node.put("shippedAt", text(record.request().shippedAt()));
        return node;
    }

    static ObjectNode shipments(List<ShipmentRecord> records) {
        ObjectNode document = object();
        ArrayNode array = document.putArray("shipments");
        records.forEach(record -> array.add(shipment(record)));
        return document;
    }

    static ObjectNode batch(BatchReport report) {
        ObjectNode node = object().put("rows", report.rows()).put("sent", report.sent())
                .put("alreadySent", report.alreadySent());
        ArrayNode errors = node.putArray("errors");
        for (BatchReport.RowError error : report.errors()) {
            errors.addObject().put("row", error.row()).put("line", error.line())
                    .put("orderNumber", error.orderNumber()).put("message", error.message());
        }
        return node;
    }

    static ObjectNode schedule(boolean running, io.storelink.core.schedule.ScheduleSettings settings,
                               List<io.storelink.core.schedule.ScheduleStatus> statuses) {
        ObjectNode document = object().put("running", running)
                .put("importIntervalSeconds", settings.importInterval().toSeconds())
                .put("workers", settings.workers())
                .put("maxBackoffSeconds", settings.maxBackoff().toSeconds());
        ArrayNode array = document.putArray("connections");
        for (io.storelink.core.schedule.ScheduleStatus each : statuses) {
            ObjectNode node = array.addObject().put("connection", each.connection())
                    .put("intervalSeconds", each.interval().toSeconds())
                    .put("ownInterval", each.ownInterval())
                    .put("nextRunAt", text(each.nextRunAt()))
                    .put("running", each.running());
            node.put("runId", each.runId());
            node.put("lastResult", each.lastResult());
            node.put("lastRunAt", text(each.lastRunAt()));
            node.put("consecutiveFailures", each.consecutiveFailures());
            node.put("backoffSeconds", each.backoff().toSeconds());
            node.put("lastError", each.lastError());
        }
        return document;
    }

    static ObjectNode status(List<ConnectionStatus> statuses) {
        ObjectNode document = object();
        ArrayNode array = document.putArray("connections");
        for (ConnectionStatus each : statuses) {
            ObjectNode node = array.addObject().put("connection", each.connection()).put("platform", each.platform());
            if (each.lastImport().isPresent()) {
                node.set("lastImport", run(each.lastImport().get(), Optional.empty()));
            } else {
                node.putNull("lastImport");
            }
            ObjectNode orders = node.putObject("orders").put("total", each.totalOrders());
            for (String state : List.of("open", "partly_shipped", "shipped")) {
                orders.put(state, each.ordersByFulfilment().getOrDefault(state, 0L));
            }
            ArrayNode unreadable = node.putArray("unreadableOrders");
            each.unreadableOrders().forEach(failure -> unreadable.addObject()
                    .put("platformOrderId", failure.platformOrderId()).put("reason", failure.reason()));
            if (each.lastFailure().isPresent()) {
                node.putObject("lastError").put("at", each.lastFailure().get().startedAt().toString())
                        .put("message", each.lastFailure().get().error());
            } else {
                node.putNull("lastError");
            }
            ObjectNode shipments = node.putObject("shipments");
            for (String state : ShipmentRecord.STATES) {
                shipments.put(state, each.shipmentsByState().getOrDefault(state, 0L));
            }
            ArrayNode unsent = node.putArray("unsentShipments");
            each.unsentShipments().forEach(record -> unsent.add(shipment(record)));
        }
        return document;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
