package org.coopmetrics.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A buffered UTF-8 writer that formats JSON Lines and CSV records straight into bytes: no intermediate
 * strings per row, no {@code String.format}.
 */
final class Utf8Out implements Closeable {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 17];
    private int pos;
    private long written;

    Utf8Out(OutputStream out) {
        this.out = out;
    }

    long bytesWritten() {
        return written + pos;
    }

    void ascii(char c) throws IOException {
        if (pos == buf.length) {
            flushBuffer();
        }
        buf[pos++] = (byte) c;
    }

    /** Writes bytes already encoded. */
    void bytes(byte[] b) throws IOException {
        if (pos + b.length > buf.length) {
            flushBuffer();
            if (b.length > buf.length) {
                out.write(b);
                written += b.length;
                return;
            }
        }
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /** Writes a number that is 0 or more in decimal digits. */
    void digits(long v) throws IOException {
        if (pos + 20 > buf.length) {
            flushBuffer();
        }
        int end = pos + (v == 0 ? 1 : 0);
        for (long t = v; t > 0; t /= 10) {
            end++;
        }
        pos = end;
        do {
            buf[--end] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
    }

    /** Writes text as UTF-8. */
    void text(String s) throws IOException {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (pos == buf.length) {
                    flushBuffer();
                }
                buf[pos++] = (byte) c;
            } else {
                i = wide(s, i);
            }
        }
    }

    /** Encodes the non-ASCII character at i (a surrogate pair takes two chars); returns the last index used. */
    private int wide(String s, int i) throws IOException {
        if (pos + 4 > buf.length) {
            flushBuffer();
        }
        int cp = s.codePointAt(i);
        if (cp < 0x800) {
            buf[pos++] = (byte) (0xC0 | (cp >> 6));
            buf[pos++] = (byte) (0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            buf[pos++] = (byte) (0xE0 | (cp >> 12));
            buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            buf[pos++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            buf[pos++] = (byte) (0xF0 | (cp >> 18));
            buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            buf[pos++] = (byte) (0x80 | (cp & 0x3F));
            return i + 1;
        }
        return i;
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    void jsonString(String s) throws IOException {
        ascii('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                ascii('\\');
                ascii(c);
            } else if (c < 0x20) {
                ascii('\\');
                ascii('u');
                ascii('0');
                ascii('0');
                ascii(Character.forDigit(c >> 4, 16));
                ascii(Character.forDigit(c & 0xF, 16));
            } else if (c < 0x80) {
                ascii(c);
            } else {
                i = wide(s, i);
            }
        }
        ascii('"');
    }

    /** A CSV cell (RFC 4180): quoted, with quotes doubled, when it holds a comma, quote or line break. */
    void csvCell(String s) throws IOException {
        boolean quote = false;
        for (int i = 0, n = s.length(); i < n && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            text(s);
            return;
        }
        ascii('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                ascii('"');
                ascii('"');
            } else if (c < 0x80) {
                ascii(c);
            } else {
                i = wide(s, i);
            }
        }
        ascii('"');
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, pos);
        written += pos;
        pos = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
