package io.storelink.magento2;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an import stands, as the opaque cursor string the host stores: {@code v1;k=v;...}.
 *
 * <p>Two parts. What the last <em>complete</em> run saw: {@code lastId} (the highest {@code entity_id} any run
 * returned), {@code runStart} and {@code cutoff} (that run's start and its {@code created_at} limit), and
 * {@code scope} (the statuses and store view it imported, so that a settings change starts afresh). And where the
 * run in progress is: {@code inRun} (that run's start) and {@code after} (the last {@code entity_id} it returned).
 * Only the final batch of a run moves the first part, so after a crash the next run reads again rather than skips.
 *
 * @param lastId the highest entity_id of all complete runs, 0 before the first
 * @param previousRunStart when the last complete run started, or {@code null} before the first
 * @param previousCutoff the last complete run's {@code created_at} limit, or {@code null} before the first
 * @param scope what the complete runs imported, or {@code null} before the first
 * @param inRun the start of the run in progress, or {@code null} between runs
 * @param after the last entity_id the run in progress returned, 0 between runs
 */
record Magento2ImportCursor(long lastId, Instant previousRunStart, Instant previousCutoff, String scope, Instant inRun,
                            long after) {

    static final Magento2ImportCursor INITIAL = new Magento2ImportCursor(0, null, null, null, null, 0);

    private static final String VERSION = "v1";

    Magento2ImportCursor {
        if (lastId < 0 || after < 0) {
            throw new IllegalArgumentException("ids must not be negative");
        }
        if ((previousRunStart == null) != (previousCutoff == null)) {
            throw new IllegalArgumentException("previousRunStart and previousCutoff go together");
        }
    }

    /** @return whether a run completed before, so only changes since then need reading */
    boolean hasCompletedRun() {
        return previousRunStart != null;
    }

    /** @return whether this cursor continues the run that started at {@code runStartedAt} */
    boolean continues(Instant runStartedAt) {
        return runStartedAt.equals(inRun);
    }

    /** A mid-run batch: only the in-run key moves. */
    Magento2ImportCursor continueAfter(Instant runStartedAt, long lastReturnedId) {
        return new Magento2ImportCursor(lastId, previousRunStart, previousCutoff, scope, runStartedAt, lastReturnedId);
    }

    /** The final batch of a run: remember this run as the last complete one. */
    Magento2ImportCursor completeRun(Instant runStartedAt, Instant cutoff, String newScope, long highestReturnedId) {
        return new Magento2ImportCursor(Math.max(lastId, highestReturnedId), runStartedAt, cutoff, newScope, null, 0);
    }

    /** The cursor as stored by the host. */
    String encode() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("lastId", Long.toString(lastId));
        if (previousRunStart != null) {
            values.put("runStart", previousRunStart.toString());
            values.put("cutoff", previousCutoff.toString());
        }
        if (scope != null) {
            values.put("scope", scope);
        }
        if (inRun != null) {
            values.put("inRun", inRun.toString());
            values.put("after", Long.toString(after));
        }
        StringBuilder text = new StringBuilder(VERSION);
        values.forEach((key, value) -> text.append(';').append(key).append('=').append(value));
        return text.toString();
    }

    /** Reads a stored cursor; {@code null} or empty is the first import. */
    static Magento2ImportCursor decode(String text) {
        if (text == null || text.isBlank()) {
            return INITIAL;
        }
        String[] parts = text.split(";", -1);
        if (!parts[0].equals(VERSION)) {
            throw invalid(text, null);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int index = 1; index < parts.length; index++) {
            int equals = parts[index].indexOf('=');
            if (equals < 0) {
                throw invalid(text, null);
            }
            values.put(parts[index].substring(0, equals), parts[index].substring(equals + 1));
        }
        try {
            return new Magento2ImportCursor(
                    Long.parseLong(values.getOrDefault("lastId", "0")),
                    instant(values.get("runStart")),
                    instant(values.get("cutoff")),
                    values.get("scope"),
                    instant(values.get("inRun")),
                    Long.parseLong(values.getOrDefault("after", "0")));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid(text, e);
        }
    }

    @Override
    public String toString() {
        return encode();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static ConnectorException invalid(String text, Exception cause) {
        return ConnectorException.of(ErrorKind.PLUGIN_FAILURE,
                "The stored Magento 2 import cursor is not one this plugin wrote: " + text, cause);
    }
}
