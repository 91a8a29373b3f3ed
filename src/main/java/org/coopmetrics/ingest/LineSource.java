package org.coopmetrics.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into physical lines numbered from 1, stripping a UTF-8 BOM and CR, never buffering more
 * than the limit: a 5 GB line of garbage is skipped through, keeping only its first bytes for the report. It may
 * start at a line start inside a file (a piece of it), given the byte offset and the lines before; it keeps
 * track of the byte offset of the next line, which is where pieces begin and end.
 */
final class LineSource implements AutoCloseable {
    /** How much of an over-long or undecodable record is kept for the quarantine report. */
    static final int RAW_PREVIEW_CHARS = 1000;

    /**
     * A physical line: its text, or (when over the limit or not valid UTF-8) null with a leniently decoded
     * preview of its first bytes and the error; {@code overLimit} tells the two errors apart.
     */
    record Line(long number, String text, String preview, String error, boolean overLimit) {
    }

    private final InputStream in;
    private final int limit;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int end;
    /** The file offset of buffer[0]. */
    private long bufferOffset;
    private long number;
    private boolean eof;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    LineSource(InputStream in, int limit) {
        this(in, limit, 0, 0);
    }

    /** Lines from byte {@code offset} of a file (where {@code in} stands), after {@code linesBefore} lines. */
    LineSource(InputStream in, int limit, long offset, long linesBefore) {
        this.in = in;
        this.limit = limit;
        this.bufferOffset = offset;
        this.number = linesBefore;
    }

    /** The file offset of the next line's first byte (the file's length at its end). */
    long offset() {
        return bufferOffset + pos;
    }

    /** The number of the last line read or skipped (the lines before the first, before it). */
    long number() {
        return number;
    }

    /** The most bytes a line may hold (max_record_bytes), BOM and CR not counted. */
    int limit() {
        return limit;
    }

    /** Passes over the next line without keeping or decoding it; false at end of file. */
    boolean skip() throws IOException {
        boolean sawAny = false;
        while (fill()) {
            sawAny = true;
            pos = newline(pos);
            if (pos < end) {
                pos++; // the '\n'
                number++;
                return true;
            }
        }
        if (sawAny) {
            number++;
        }
        return sawAny;
    }

    /** The place of the first '\n' in the buffer at or after {@code from}, or {@link #end} when there is none. */
    private int newline(int from) {
        int i = from;
        while (i < end && buffer[i] != '\n') {
            i++;
        }
        return i;
    }

    /** Bytes in the buffer to read from, reading more when it is used up; false at end of file. */
    private boolean fill() throws IOException {
        if (pos < end) {
            return true;
        }
        bufferOffset += end;
        end = in.read(buffer, 0, buffer.length);
        pos = 0;
        if (end <= 0) {
            end = 0;
            eof = true;
            return false;
        }
        return true;
    }

    /** The next line, or null at end of file. */
    Line next() throws IOException {
        if (eof && pos >= end) {
            return null;
        }
        // A BOM and a CR do not count towards the limit: keep room for both.
        int cap = limit + 4;
        long lineStart = offset(); // a refill keeps the offset
        if (fill()) {
            // Most lines lie whole in the buffer: made a string from there, without copying them out first.
            int start = pos;
            int lineEnd = newline(start);
            if (lineEnd < end) {
                pos = lineEnd + 1;
                number++;
                int chunk = lineEnd - start;
                return line(buffer, start, Math.min(chunk, cap), chunk, lineStart);
            }
        }
        byte[] kept = new byte[Math.min(cap, 8192)];
        int keptLength = 0;
        long total = 0;
        boolean sawAny = false;
        while (true) {
            if (!fill()) {
                if (!sawAny) {
                    return null;
                }
                break;
            }
            sawAny = true;
            int start = pos;
            pos = newline(start);
            int chunk = pos - start;
            if (keptLength < cap) {
                int take = Math.min(chunk, cap - keptLength);
                if (keptLength + take > kept.length) {
                    kept = Arrays.copyOf(kept, Math.min(cap, Math.max(kept.length * 2, keptLength + take)));
                }
                System.arraycopy(buffer, start, kept, keptLength, take);
                keptLength += take;
            }
            total += chunk;
            if (pos < end) {
                pos++; // the '\n'
                break;
            }
        }
        number++;
        return line(kept, 0, keptLength, total, lineStart);
    }

    /**
     * Line {@link #number} from its first {@code keptLength} bytes at {@code from} in {@code kept} (all of it when
     * under the limit), {@code total} bytes long in all (its '\n' not counted), starting at file offset
     * {@code lineStart}.
     */
    private Line line(byte[] kept, int from, int keptLength, long total, long lineStart) {
        int offset = from;
        if (lineStart == 0 && keptLength >= 3 && (kept[from] & 0xff) == 0xEF && (kept[from + 1] & 0xff) == 0xBB
                && (kept[from + 2] & 0xff) == 0xBF) {
            offset = from + 3;
            total -= 3;
        }
        int length = keptLength - (offset - from);
        if (length > 0 && kept[offset + length - 1] == '\r') {
            length--;
            total--;
        }
        if (total > limit) {
            String preview = new String(kept, offset, Math.min(length, RAW_PREVIEW_CHARS), StandardCharsets.UTF_8);
            return new Line(number, null, preview,
                    "record is " + total + " bytes, over the limit of " + limit + " bytes (max_record_bytes)", true);
        }
        if (isAscii(kept, offset, length)) {
            // ASCII is valid UTF-8 as it is: copied, not decoded. The strict decoder below took a tenth of the
            // CPU of a 10M-row GDELT run, whose lines are nearly all ASCII (docs/performance.md).
            return new Line(number, new String(kept, offset, length, StandardCharsets.ISO_8859_1), null, null, false);
        }
        try {
            String text = decoder.decode(ByteBuffer.wrap(kept, offset, length)).toString();
            return new Line(number, text, null, null, false);
        } catch (CharacterCodingException e) {
            String preview = new String(kept, offset, Math.min(length, RAW_PREVIEW_CHARS * 4),
                    StandardCharsets.UTF_8);
            return new Line(number, null, preview, "line is not valid UTF-8 (save the file as UTF-8)", false);
        }
    }

    private static boolean isAscii(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
