package org.coopmetrics.ingest;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The records of a CSV file with a header naming its columns (any order, any case): one per non-blank line,
 * or several lines while a quoted field is open. A stray quote spoils only its own line.
 */
final class CsvRecords extends Records {
    private final CsvParser parser;
    private final int maxRecordBytes;
    private int[] columnOfField;
    /** Lines up to this number were read on behalf of a broken record: they are not joined again. */
    private long rereadThrough;
    private int headerWidth;
    private String headerError;

    CsvRecords(String file, LineSource lines, DatasetSpec spec) {
        this(FilePacking.Piece.whole(file), lines, spec);
    }

    CsvRecords(FilePacking.Piece piece, LineSource lines, DatasetSpec spec) {
        super(piece, lines, spec);
        this.maxRecordBytes = lines.limit();
        this.parser = parser();
    }

    /** univocity's parser as the reader sets it up: quotes per RFC 4180, spaces kept, an empty cell null. */
    static CsvParser parser() {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setLineSeparator("\n");
        settings.getFormat().setDelimiter(',');
        settings.getFormat().setQuote('"');
        settings.getFormat().setQuoteEscape('"');
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setMaxCharsPerColumn(-1);
        settings.setMaxColumns(4096);
        settings.setNullValue(null);
        settings.setEmptyValue("");
        return new CsvParser(settings);
    }

    /**
     * For a piece after the file's start: the header, the first non-blank line of {@code fileStart} (the file
     * read from its first byte), read as the whole file's reading reads it.
     */
    void readHeaderFrom(LineSource fileStart) throws IOException {
        LineSource.Line header;
        do {
            header = fileStart.next();
        } while (header != null && header.text() != null && header.text().isBlank());
        if (header != null) {
            readHeader(header);
        }
    }

    /** Between records once the header is read: the lines before the header are no piece's start. */
    @Override
    boolean betweenRecords() {
        return super.betweenRecords() && (columnOfField != null || headerError != null);
    }

    @Override
    RawRecord readFrom(LineSource.Line first) throws IOException {
        if (columnOfField == null && headerError == null) {
            if (readHeader(first)) {
                return null;
            }
            // No usable header: the first line is data, and is reported like every other line.
            return malformed(first.number(), first.text() != null ? first.text() : first.preview(),
                    first.error() != null ? first.error() : headerError);
        }
        if (first.text() == null) {
            if (first.overLimit() && headerError == null) {
                // The preview is the line cut short: its id cell may well come before the cut.
                return withIdOnly(first.number(), first.preview(), first.error(), idBefore(first.preview()));
            }
            return malformed(first.number(), first.preview(), first.error());
        }
        if (headerError != null) {
            return malformed(first.number(), first.text(), headerError);
        }
        StringBuilder record = new StringBuilder(first.text());
        boolean open = CsvQuotes.quoteOpenAfter(first.text(), false);
        // A quoted field may hold line breaks: read on while a quote is open, unless this line was already
        // read as part of a broken record (so each line is re-read at most once).
        List<LineSource.Line> continuation = new ArrayList<>();
        String broken = open && first.number() <= rereadThrough
                ? "a quoted field opened on this line is never closed" : null;
        while (open && broken == null) {
            LineSource.Line more = nextLine();
            if (more == null) {
                broken = "a quoted field opened on this line is never closed";
                break;
            }
            continuation.add(more);
            if (more.text() == null) {
                broken = "a quoted field opened on this line runs into line " + more.number() + ": "
                        + more.error();
                break;
            }
            if (CsvQuotes.strictFields(more.text()) == headerWidth) {
                // Text inside a quoted field is rarely a whole record: more likely this line was cut short.
                broken = "a quoted field opened on this line is not closed before line " + more.number()
                        + ", which holds a whole record of its own (was this line cut short?)";
                break;
            }
            record.append('\n').append(more.text());
            if (record.length() > maxRecordBytes) {
                broken = "a quoted field opened on this line is not closed within the limit of "
                        + maxRecordBytes + " bytes (max_record_bytes)";
                break;
            }
            open = CsvQuotes.quoteOpenAfter(more.text(), true);
        }
        String[] cells = continuation.isEmpty() && broken == null ? CsvQuotes.plainCells(first.text(), headerWidth)
                : null;
        String problem = broken;
        if (problem == null && cells == null) {
            try {
                cells = parser.parseLine(record.toString());
                cells = cells == null ? new String[0] : cells;
                if (cells.length != headerWidth) {
                    problem = "CSV record has " + cells.length + " fields but the header has " + headerWidth;
                }
            } catch (RuntimeException e) {
                problem = "CSV record cannot be parsed: " + e.getMessage();
            }
        }
        if (problem != null && !continuation.isEmpty()) {
            // A stray quote must not swallow the records after it: only this line is malformed, and the
            // lines read on are read again, each on its own.
            for (int i = continuation.size() - 1; i >= 0; i--) {
                givenBack.addFirst(continuation.get(i));
            }
            rereadThrough = Math.max(rereadThrough, continuation.get(continuation.size() - 1).number());
            return malformed(first.number(), first.text(), "unbalanced quote: " + (broken != null ? broken
                    : "the lines up to line " + continuation.get(continuation.size() - 1).number()
                            + " do not make one record (" + problem + ")"));
        }
        String text = record.toString();
        if (problem != null) {
            return malformed(first.number(), text, broken != null ? "unbalanced quote: " + broken : problem);
        }
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            String cell = columnOfField[i] < 0 ? null : cells[columnOfField[i]];
            // A list is one cell, its items separated by ';'.
            values[i] = isList[i] && cell != null ? cell.split(";", -1) : cell;
        }
        return record(first.number(), text, null, values);
    }

    private RawRecord malformed(long line, String raw, String error) {
        return record(line, raw, error, null);
    }

    /** Maps header names (trimmed, case-insensitive) to fields; false if the header is unusable. */
    private boolean readHeader(LineSource.Line header) {
        if (header.text() == null) {
            headerError = header.error();
            return false;
        }
        String[] names = parser.parseLine(header.text());
        names = names == null ? new String[0] : names;
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null) {
                index.putIfAbsent(names[i].trim().toLowerCase(Locale.ROOT), i);
            }
        }
        if (!index.containsKey(idField)) {
            headerError = "CSV header missing or without the column " + idField
                    + " (the first line of a CSV file must name its columns)";
            return false;
        }
        headerWidth = names.length;
        columnOfField = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            columnOfField[i] = index.getOrDefault(fields[i], -1);
        }
        return true;
    }

    /**
     * The id column's cell in the line that {@code cut} begins, if the cell ends within it (a delimiter follows
     * it, and a quoted cell is closed); null otherwise. The cell is parsed as a whole line would parse it.
     */
    String idBefore(String cut) {
        int column = columnOfField[idIndex];
        int end = CsvQuotes.fieldEnd(cut, column);
        if (end < 0) {
            return null;
        }
        try {
            String[] cells = parser.parseLine(cut.substring(0, end));
            return cells != null && cells.length == column + 1 ? cells[column] : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
