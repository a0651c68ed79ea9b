package io.storelink.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The body of a {@link Fault.Kind#HUGE_BODY} fault: valid JSON of an exact size, an empty page padded with one long
 * string, made up piece by piece while it is written, so a gigabyte costs no memory.
 */
final class HugeBody {
    private static final byte[] START = "{\"items\":[],\"total_count\":0,\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\"}".getBytes(StandardCharsets.US_ASCII);
    private static final int PIECE = 64 * 1024;

    /** The smallest body this can make: the page without padding. */
    static final int MIN_BYTES = START.length + END.length;

    private HugeBody() {
    }

    /**
     * Writes {@code size} bytes of body, as chunks when {@code chunked}. Stops at the first failed write.
     *
     * @return how many body bytes were written, {@code size} unless the client went away
     */
    static long write(OutputStream out, long size, boolean chunked) {
        byte[] padding = new byte[PIECE];
        Arrays.fill(padding, (byte) 'x');
        long written = 0;
        try {
            written += piece(out, START, START.length, chunked);
            long left = size - MIN_BYTES;
            while (left > 0) {
                int length = (int) Math.min(PIECE, left);
                written += piece(out, padding, length, chunked);
                left -= length;
            }
            written += piece(out, END, END.length, chunked);
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException clientGone) {
            // The client closed the connection: what it got is counted.
        }
        return written;
    }

    private static int piece(OutputStream out, byte[] bytes, int length, boolean chunked) throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(bytes, 0, length);
        if (chunked) {
            out.write('\r');
            out.write('\n');
        }
        return length;
    }
}
