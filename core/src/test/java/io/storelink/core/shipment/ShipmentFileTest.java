package io.storelink.core.shipment;

import io.storelink.api.ShipmentLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batch files as people save them: Excel's "CSV UTF-8" with a byte order mark and CRLF, quoted values, JSON Lines. */
final class ShipmentFileTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    private Path write(String name, boolean bom, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[(bom ? BOM.length : 0) + body.length];
        if (bom) {
            System.arraycopy(BOM, 0, bytes, 0, BOM.length);
        }
        System.arraycopy(body, 0, bytes, bom ? BOM.length : 0, body.length);
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void readsExcelsCsvUtf8WithAByteOrderMarkCrlfAndQuotedValuesSpanningLines() throws IOException {
        Path file = write("excel.csv", true, String.join("\r\n",
                "Order,Carrier,Tracking,Title,Lines,Notify,Comment",
                "000000101,ups,1Z101,\"UPS, Ground\",\"SKU-1=2;SKU-2=1\",TRUE,\"Packed by bay 4,",
                "fragile; \"\"handle\"\" with care\"",
                "000000102,dhl,JD102,,,no,",
                "",
                "000000103,fedex,,FedEx,,false,",
                "000000104,\"usps\",9400,USPS,SKU-9=x,false,\"two",
                "lines\"",
                "000000105,ups,1Z105,UPS,,maybe,") + "\r\n");

        List<ShipmentFile.Row> rows = ShipmentFile.read(file);

        // Rows as a spreadsheet numbers them: the header is row 1, the blank line row 4, a two-line value one row.
        assertThat(rows).extracting(ShipmentFile.Row::number).containsExactly(2, 3, 5, 6, 7);
        assertThat(rows).extracting(ShipmentFile.Row::line).containsExactly(2, 4, 6, 7, 9);
        ShipmentRequest first = rows.get(0).request();
        assertThat(first.orderNumber()).isEqualTo("000000101");
        assertThat(first.tracking().get(0).title()).isEqualTo("UPS, Ground");
        assertThat(first.lines()).containsExactly(new ShipmentLine("SKU-1", null, new BigDecimal("2")),
                new ShipmentLine("SKU-2", null, new BigDecimal("1")));
        assertThat(first.notifyCustomer()).isTrue();
        assertThat(first.comment()).isEqualTo("Packed by bay 4,\r\nfragile; \"handle\" with care");
        assertThat(rows.get(1).request().tracking().get(0).carrierCode()).isEqualTo("dhl");
        assertThat(rows.get(1).request().notifyCustomer()).isFalse();
        assertThat(rows.get(2).error()).isEqualTo("column tracking: no value; expected a tracking number");
        assertThat(rows.get(3).error()).isEqualTo("column lines: quantity 'x' of SKU-9 is not a number; expected "
                + "SKU=QTY;SKU=QTY");
        assertThat(rows.get(4).error()).isEqualTo("column notify: 'maybe' is not true or false");
    }

    @Test
    void aRowWithMoreValuesThanTheHeaderIsReportedNotShifted() throws IOException {
        Path file = write("extra.csv", false, """
                order,carrier,tracking,comment
                000000201,ups,1Z201,Left at door, by the gate
                000000202,ups,1Z202,"Left at door, by the gate"
                000000203,ups,1Z203
                """);

        List<ShipmentFile.Row> rows = ShipmentFile.read(file);

        assertThat(rows.get(0).error()).isEqualTo("has 5 values but the header names 4 columns; quote a value "
                + "that holds a comma");
        assertThat(rows.get(1).request().comment()).isEqualTo("Left at door, by the gate");
        assertThat(rows.get(2).request().comment()).isNull();
    }

    @Test
    void anUnclosedQuoteRefusesTheFileNamingTheLineItStartsOn() throws IOException {
        Path file = write("open.csv", false, """
                order,carrier,tracking,comment
                000000301,ups,1Z301,fine
                000000302,ups,1Z302,"never closed
                000000303,ups,1Z303,
                """);

        assertThatThrownBy(() -> ShipmentFile.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + file + "' line 3: a quoted value is not closed before the end of the file");
    }

    @Test
    void aFileSavedInAnotherEncodingIsRefusedNamingTheLine() throws IOException {
        Path file = Files.write(dir.resolve("latin1.csv"), ("order,carrier,tracking,comment\n"
                + "000000351,ups,1Z351,fine\n000000352,ups,1Z352,M\u00fcller\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ShipmentFile.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + file + "' line 3: not UTF-8 text (byte 0xFC); save the file as UTF-8 "
                        + "(in Excel: CSV UTF-8)");
    }

    @Test
    void aHeaderWithoutARequiredColumnNamesIt() throws IOException {
        Path file = write("header.csv", true, "order;carrier;tracking\r\n000000401;ups;1Z401\r\n");

        assertThatThrownBy(() -> ShipmentFile.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CSV header of '" + file + "' has no 'order' column; expected "
                        + "order,carrier,tracking[,title,lines,notify,comment,shipped_at] separated by commas");
    }

    @Test
    void readsJsonLinesWithAByteOrderMark() throws IOException {
        Path file = write("batch.jsonl", true, "{\"order\": \"000000501\", \"carrier\": \"ups\", \"tracking\": \"1Z501\"}\r\n"
                + "\r\n{\"order\": \"000000502\", \"carrier\": \"ups\"}\r\n");

        List<ShipmentFile.Row> rows = ShipmentFile.read(file);

        assertThat(rows).extracting(ShipmentFile.Row::line).containsExactly(1, 3);
        assertThat(rows.get(0).request().orderNumber()).isEqualTo("000000501");
        assertThat(rows.get(1).error()).isEqualTo("field tracking: missing");
    }
}
