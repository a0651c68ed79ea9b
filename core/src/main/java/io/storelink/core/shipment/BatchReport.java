package io.storelink.core.shipment;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a batch of ship notifications did.
 *
 * @param rows how many data rows the file had
 * @param sent how many were sent now
 * @param alreadySent how many had been sent before (the same notification given again)
 * @param errors the rows that were not sent, by row number
 */
public record BatchReport(int rows, int sent, int alreadySent, List<RowError> errors) {

    public BatchReport {
        errors = List.copyOf(requireNonNull(errors, "errors is null"));
    }

    /**
     * @param row the row number in the file, as a spreadsheet shows it
     * @param line the line of the file the row starts on
     * @param orderNumber the order, or {@code null} when the row could not be read
     * @param message what was wrong; for a row that could not be read, naming the column or field
     */
    public record RowError(int row, int line, String orderNumber, String message) {
    }
}
