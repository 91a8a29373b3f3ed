package org.coopmetrics.ingest;

/**
 * Quote scanners for one CSV line, used to decide which physical lines make a record before univocity parses
 * it. A quote opens a field only at the field's start (RFC 4180); elsewhere in an unquoted field it is text.
 */
final class CsvQuotes {
    private CsvQuotes() {
    }

    /**
     * The number of fields of {@code s} read as one strict RFC 4180 record (quotes only around whole fields,
     * every quote closed), or -1 if it is not one.
     */
    static int strictFields(String s) {
        int fields = 1;
        boolean open = false;
        boolean fieldStart = true;
        boolean quoteClosed = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (open) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        open = false;
                        quoteClosed = true;
                    }
                }
            } else if (c == ',') {
                fields++;
                fieldStart = true;
                quoteClosed = false;
            } else if (quoteClosed || (c == '"' && !fieldStart)) {
                return -1; // text after a closing quote, or a quote inside an unquoted field
            } else {
                open = c == '"';
                fieldStart = false;
            }
        }
        return open ? -1 : fields;
    }

    /**
     * The cells of a line with no quote and no carriage return, as univocity parses it with the reader's settings
     * (an empty cell is null, spaces are kept), if it has {@code width} cells; otherwise null, and the line is left
     * to univocity. Most lines are such lines: splitting them at commas is exact, and cheaper than the parser.
     */
    static String[] plainCells(String s, int width) {
        if (s.isEmpty() || s.indexOf('"') >= 0 || s.indexOf('\r') >= 0) {
            return null;
        }
        String[] cells = new String[width];
        int from = 0;
        for (int i = 0; i < width; i++) {
            int comma = s.indexOf(',', from);
            boolean last = i == width - 1;
            if (last != (comma < 0)) {
                return null; // more or fewer cells than the header's: univocity says which
            }
            int to = last ? s.length() : comma;
            cells[i] = to == from ? null : s.substring(from, to);
            from = to + 1;
        }
        return cells;
    }

    /** Whether a quoted field is still open at the end of {@code s}, given whether one was open before it. */
    static boolean quoteOpenAfter(String s, boolean open) {
        return scan(s, open, -1) == ENDS_OPEN;
    }

    /**
     * The index of the delimiter that ends field {@code column} (0-based) of {@code s}, the quotes read as by
     * {@link #quoteOpenAfter}; -1 if {@code s} ends first (so the field may go on past a cut).
     */
    static int fieldEnd(String s, int column) {
        return Math.max(scan(s, false, column), -1);
    }

    private static final int ENDS_CLOSED = -1;
    private static final int ENDS_OPEN = -2;

    /**
     * Reads {@code s} field by field from a quote state {@code open}: the index of the delimiter that ends field
     * {@code column} (none for a negative column), else whether a quoted field is open at the end.
     */
    private static int scan(String s, boolean open, int column) {
        int field = 0;
        boolean fieldStart = !open;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (open) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        i++; // an escaped quote
                    } else {
                        open = false;
                    }
                }
                fieldStart = false;
            } else if (c == ',') {
                if (field == column) {
                    return i;
                }
                field++;
                fieldStart = true;
            } else {
                open = c == '"' && fieldStart;
                fieldStart = false;
            }
        }
        return open ? ENDS_OPEN : ENDS_CLOSED;
    }
}
