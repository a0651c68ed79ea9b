package io.storelink.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Formats java.util.logging records (where slf4j sends them) as JSON Lines for {@code storelink serve
 * --log-format json}: one object per line with {@code ts}, {@code level}, {@code logger}, {@code thread},
 * {@code message} and, for a failure, {@code error}. What is logged never holds a secret; this only changes the shape.
 */
public final class JsonLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        ObjectNode line = Views.object()
                .put("ts", Instant.ofEpochMilli(record.getMillis()).toString())
                .put("level", record.getLevel().getName())
                .put("logger", record.getLoggerName())
                .put("thread", record.getLongThreadID())
                .put("message", formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.put("error", trace.toString());
        }
        return new String(Views.bytes(line), StandardCharsets.UTF_8) + System.lineSeparator();
    }
}
