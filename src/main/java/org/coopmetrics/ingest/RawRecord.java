package org.coopmetrics.ingest;

import java.util.LinkedHashSet;

/**
 * One record as read, before Spark: where it came from, its text, why it cannot be read (null if it can), and
 * the spec's field values in the spec's order (String, or String[] for list fields) already cleaned. The
 * values are null as a whole when the record could not be split into fields.
 */
public record RawRecord(String file, long line, String raw, String readError, Object[] values) {
    /** A record whose values are cleaned here (trimmed, blank to null, lists de-duplicated). */
    static RawRecord cleaned(String file, long line, String raw, String readError, Object[] values,
            boolean[] isList) {
        Object[] clean = null;
        if (values != null) {
            clean = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                clean[i] = isList[i] ? cleanList((String[]) values[i]) : cleanText((String) values[i]);
            }
        }
        return new RawRecord(file, line, raw, readError, clean);
    }

    /** The value of the i-th field of the spec, or null. */
    public Object value(int i) {
        return values == null ? null : values[i];
    }

    /** Trimmed (as {@link String#strip}), blank to null. */
    static String cleanText(String text) {
        return text == null ? null : cleanText(text, 0, text.length());
    }

    /** {@link #cleanText} of {@code text.substring(from, to)}, trimmed before it is copied. */
    static String cleanText(String text, int from, int to) {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        return from == to ? null : text.substring(from, to);
    }

    /** Trimmed, non-empty, distinct items in first-seen order; an empty array stays empty (a missing list). */
    static String[] cleanList(String[] items) {
        if (items == null) {
            return null;
        }
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        for (String item : items) {
            String t = cleanText(item);
            if (t != null) {
                kept.add(t);
            }
        }
        return kept.toArray(new String[0]);
    }
}
