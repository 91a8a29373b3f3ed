package org.coopmetrics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.coopmetrics.ingest.LineSource.Line;
import org.junit.jupiter.api.Test;

/** Physical lines of byte arrays, without Spark. */
class LineSourceTest {
    static final String UTF8_ERROR = "line is not valid UTF-8 (save the file as UTF-8)";

    static List<Line> lines(byte[] bytes, int limit) throws IOException {
        List<Line> out = new ArrayList<>();
        try (LineSource source = new LineSource(new ByteArrayInputStream(bytes), limit)) {
            for (Line l = source.next(); l != null; l = source.next()) {
                out.add(l);
            }
            assertNull(source.next(), "still null after the end");
        }
        return out;
    }

    static List<Line> lines(String text, int limit) throws IOException {
        return lines(text.getBytes(StandardCharsets.UTF_8), limit);
    }

    static Line ok(long number, String text) {
        return new Line(number, text, null, null, false);
    }

    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) p);
            }
        }
        return out.toByteArray();
    }

    @Test
    void linesAreNumberedFromOneAndBlankLinesKept() throws IOException {
        assertEquals(List.of(ok(1, "a"), ok(2, ""), ok(3, "  "), ok(4, "b")), lines("a\n\n  \nb\n", 100));
    }

    @Test
    void lastLineWithoutNewlineIsALine() throws IOException {
        assertEquals(List.of(ok(1, "a"), ok(2, "b")), lines("a\nb", 100));
        // a final newline ends the last line; it does not start an empty one
        assertEquals(List.of(ok(1, "a")), lines("a\n", 100));
    }

    @Test
    void emptyInputHasNoLines() throws IOException {
        assertEquals(List.of(), lines("", 100));
        assertEquals(List.of(ok(1, "")), lines("\n", 100));
    }

    @Test
    void bomIsStrippedFromTheFirstLineOnly() throws IOException {
        assertEquals(List.of(ok(1, "x"), ok(2, "\uFEFFy")), lines(bytes(0xEF, 0xBB, 0xBF, "x\n\uFEFFy\n"), 100));
        // a BOM alone is an empty first line
        assertEquals(List.of(ok(1, "")), lines(bytes(0xEF, 0xBB, 0xBF), 100));
    }

    @Test
    void crBeforeTheNewlineIsStripped() throws IOException {
        assertEquals(List.of(ok(1, "a"), ok(2, ""), ok(3, "b")), lines("a\r\n\r\nb\r\n", 100));
        // only a CR that ends the line: one inside it stays
        assertEquals(List.of(ok(1, "a\rb")), lines("a\rb\n", 100));
        assertEquals(List.of(ok(1, "a")), lines("a\r", 100));
    }

    @Test
    void lineOfExactlyTheLimitIsRead() throws IOException {
        assertEquals(List.of(ok(1, "abcde"), ok(2, "v")), lines("abcde\nv\n", 5));
        // neither a BOM nor a CR counts towards the limit
        assertEquals(List.of(ok(1, "abcde"), ok(2, "fghij")),
                lines(bytes(0xEF, 0xBB, 0xBF, "abcde\nfghij\r\n"), 5));
    }

    @Test
    void lineOverTheLimitKeepsAPreviewAndReadingGoesOn() throws IOException {
        assertEquals(List.of(new Line(1, null, "abcdef",
                "record is 6 bytes, over the limit of 5 bytes (max_record_bytes)", true), ok(2, "v")),
                lines("abcdef\nv\n", 5));
        // at most limit + 4 bytes are kept (room for a BOM and a CR), so the preview is 9 bytes here
        assertEquals(List.of(new Line(1, null, "xxxxxxxxx",
                "record is 20 bytes, over the limit of 5 bytes (max_record_bytes)", true), ok(2, "v")),
                lines("x".repeat(20) + "\nv", 5));
        // the preview is at most RAW_PREVIEW_CHARS bytes
        Line big = lines("y".repeat(5000), 2000).get(0);
        assertEquals("y".repeat(1000), big.preview());
        assertEquals("record is 5000 bytes, over the limit of 2000 bytes (max_record_bytes)", big.error());
        assertTrue(big.overLimit());
    }

    @Test
    void hugeLineIsSkippedThroughWithoutBeingKept() throws IOException {
        long size = 20L << 20; // 20 MB of 'z' on one line, then "ok"
        InputStream in = new InputStream() {
            long left = size;
            boolean tailDone;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left > 0) {
                    int n = (int) Math.min(len, left);
                    java.util.Arrays.fill(b, off, off + n, (byte) 'z');
                    left -= n;
                    return n;
                }
                if (tailDone) {
                    return -1;
                }
                tailDone = true;
                byte[] tail = "\nok\n".getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(tail, 0, b, off, tail.length);
                return tail.length;
            }
        };
        try (LineSource source = new LineSource(in, 10)) {
            assertEquals(new Line(1, null, "z".repeat(14),
                    "record is 20971520 bytes, over the limit of 10 bytes (max_record_bytes)", true), source.next());
            assertEquals(ok(2, "ok"), source.next());
            assertNull(source.next());
        }
    }

    /**
     * A line lying whole in the read buffer is made a string from there; one that crosses a read is gathered
     * first. Both ways give the same lines: here every line crosses reads of three bytes.
     */
    @Test
    void linesCrossingReadsAreTheSameLines() throws IOException {
        byte[] input = bytes(0xEF, 0xBB, 0xBF, "first\r\n\nd\u00e9j\u00e0 vu\n", 0xC3, 0x28, "\n12345678901\nlast");
        List<Line> whole = lines(input, 10);
        assertEquals(List.of(ok(1, "first"), ok(2, ""), ok(3, "d\u00e9j\u00e0 vu")), whole.subList(0, 3));
        assertEquals(6, whole.size());
        List<Line> trickled = new ArrayList<>();
        InputStream threeAtATime = new FilterInputStream(new ByteArrayInputStream(input)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 3));
            }
        };
        try (LineSource source = new LineSource(threeAtATime, 10)) {
            for (Line l = source.next(); l != null; l = source.next()) {
                trickled.add(l);
            }
            assertEquals(input.length, source.offset());
        }
        assertEquals(whole, trickled);
    }

    @Test
    void lineLongerThanTheReadBufferIsWhole() throws IOException {
        String line = "w".repeat(70_000); // the buffer holds 64 KiB
        assertEquals(List.of(ok(1, line), ok(2, "end")), lines(line + "\nend\n", 100_000));
    }

    @Test
    void invalidUtf8IsFlaggedWithALenientPreview() throws IOException {
        assertEquals(List.of(new Line(1, null, "caf\uFFFD", UTF8_ERROR, false), ok(2, "ok")),
                lines(bytes("caf", 0xE9, "\nok\n"), 100));
        // valid multi-byte UTF-8 is fine
        assertEquals(List.of(ok(1, "café €")), lines("café €\n", 100));
        // a line over the limit is reported as such, whatever its bytes
        Line over = lines(bytes(0xE9, "abcdef\n"), 5).get(0);
        assertEquals("\uFFFDabcdef", over.preview());
        assertEquals("record is 7 bytes, over the limit of 5 bytes (max_record_bytes)", over.error());
        assertTrue(over.overLimit());
    }

    @Test
    void closeClosesTheStream() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new LineSource(in, 5).close();
        assertTrue(closed[0]);
    }
}
