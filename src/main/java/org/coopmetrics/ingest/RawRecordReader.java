package org.coopmetrics.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads curated files record by record with their file and line number, one Spark task per file.
 *
 * <p>Spark's own text sources drop line numbers and cannot bound a line's size; curators need both
 * ("line 12 of statements-2025.csv"), and a 5 GB line of garbage must not be loaded whole. Both formats
 * are parsed here into one text value per field, so that a wrong JSON type (an object where text belongs)
 * is an error naming the field rather than text nobody typed, and each line is parsed once.
 */
public final class RawRecordReader implements Serializable {
    /**
     * The rows out: where the record came from, its text, why it cannot be read (if so), then the spec's
     * fields as trimmed text (null when absent or blank), lists as arrays of distinct non-empty items.
     */
    public static StructType schema(DatasetSpec spec) {
        StructType schema = new StructType()
                .add("source_file", DataTypes.StringType, false)
                .add("line", DataTypes.LongType, true)
                .add("raw", DataTypes.StringType, true)
                .add("read_error", DataTypes.StringType, true);
        for (String f : spec.fields()) {
            schema = schema.add(f, spec.isList(f) ? DataTypes.createArrayType(DataTypes.StringType, false)
                    : DataTypes.StringType, true);
        }
        return schema;
    }

    /** How much of an over-long or undecodable record is kept for the quarantine report. */
    static final int RAW_PREVIEW_CHARS = 1000;

    private final DatasetSpec spec;
    private final String[] fields;
    private final boolean[] isList;
    private final Map<String, Integer> fieldIndex = new HashMap<>();
    private final String idField;
    private final int maxRecordBytes;
    private final Map<String, String> hadoopConf;

    public RawRecordReader(DatasetSpec spec, int maxRecordBytes, Configuration conf) {
        this.spec = spec;
        this.fields = spec.fields().toArray(new String[0]);
        this.isList = new boolean[fields.length];
        for (int i = 0; i < fields.length; i++) {
            isList[i] = spec.isList(fields[i]);
            fieldIndex.put(fields[i], i);
        }
        this.idField = spec.idField();
        this.maxRecordBytes = maxRecordBytes;
        this.hadoopConf = new HashMap<>();
        conf.iterator().forEachRemaining(e -> hadoopConf.put(e.getKey(), e.getValue()));
    }

    /** One row per non-blank record of the given files (one partition per file, in file order). */
    public Dataset<Row> read(SparkSession spark, List<String> files) {
        if (files.isEmpty()) {
            return spark.createDataFrame(List.of(), schema(spec));
        }
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(files, files.size())
                .mapPartitions(names -> readFiles(names, false));
        return spark.createDataFrame(rows, schema(spec));
    }

    /**
     * The number of records {@link #read} returns for these files, without parsing them: records are split
     * exactly as when reading, but a record on one line is not parsed.
     */
    public long count(SparkSession spark, List<String> files) {
        if (files.isEmpty()) {
            return 0;
        }
        return JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(files, files.size())
                .mapPartitions(names -> {
                    Iterator<Row> records = readFiles(names, true);
                    long n = 0;
                    while (records.hasNext()) {
                        records.next();
                        n++;
                    }
                    return List.of(n).iterator();
                })
                .reduce(Long::sum);
    }

    private Iterator<Row> readFiles(Iterator<String> files, boolean countOnly) {
        Configuration conf = new Configuration(false);
        hadoopConf.forEach(conf::set);
        return new Iterator<>() {
            private Iterator<Row> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!files.hasNext()) {
                        return false;
                    }
                    current = open(files.next(), conf, countOnly);
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private Iterator<Row> open(String file, Configuration conf, boolean countOnly) {
        try {
            Path path = new Path(file);
            FileSystem fs = path.getFileSystem(conf);
            InputStream in = fs.open(path);
            LineSource lines = new LineSource(in, maxRecordBytes);
            return "csv".equals(InputFiles.format(file)) ? new CsvRecords(file, lines, countOnly)
                    : new JsonRecords(file, lines, countOnly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** A physical line: its text (null if over the size limit), its number, and whether it was valid UTF-8. */
    record Line(long number, String text, String preview, String error) {
    }

    /** Splits a byte stream into lines, stripping a UTF-8 BOM and CR, never buffering more than the limit. */
    static final class LineSource implements AutoCloseable {
        private final InputStream in;
        private final int limit;
        private final byte[] buffer = new byte[1 << 16];
        private int pos;
        private int end;
        private long number;
        private boolean eof;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        LineSource(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        /** The next line, or null at end of file. */
        Line next() throws IOException {
            if (eof && pos >= end) {
                return null;
            }
            // A BOM and a CR do not count towards the limit: keep room for both.
            int cap = limit + 4;
            byte[] kept = new byte[Math.min(cap, 8192)];
            int keptLength = 0;
            long total = 0;
            boolean sawAny = false;
            while (true) {
                if (pos >= end) {
                    end = in.read(buffer, 0, buffer.length);
                    pos = 0;
                    if (end <= 0) {
                        end = 0;
                        eof = true;
                        if (!sawAny) {
                            return null;
                        }
                        break;
                    }
                }
                sawAny = true;
                int start = pos;
                while (pos < end && buffer[pos] != '\n') {
                    pos++;
                }
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
            int offset = 0;
            if (number == 1 && keptLength >= 3 && (kept[0] & 0xff) == 0xEF && (kept[1] & 0xff) == 0xBB
                    && (kept[2] & 0xff) == 0xBF) {
                offset = 3;
                total -= 3;
            }
            int length = keptLength - offset;
            if (length > 0 && kept[offset + length - 1] == '\r') {
                length--;
                total--;
            }
            if (total > limit) {
                String preview = new String(kept, offset, Math.min(length, RAW_PREVIEW_CHARS), StandardCharsets.UTF_8);
                return new Line(number, null, preview,
                        "record is " + total + " bytes, over the limit of " + limit + " bytes (max_record_bytes)");
            }
            try {
                String text = decoder.decode(ByteBuffer.wrap(kept, offset, length)).toString();
                return new Line(number, text, null, null);
            } catch (CharacterCodingException e) {
                String preview = new String(kept, offset, Math.min(length, RAW_PREVIEW_CHARS * 4),
                        StandardCharsets.UTF_8);
                return new Line(number, null, preview, "line is not valid UTF-8 (save the file as UTF-8)");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Shared plumbing: read ahead one record, close the file at its end. */
    private abstract static class Records implements Iterator<Row> {
        final String file;
        final LineSource lines;
        /** When counting, a record on one line is not parsed: each record comes back as {@link #COUNTED}. */
        final boolean countOnly;
        private Row next;
        private boolean done;

        Records(String file, LineSource lines, boolean countOnly) {
            this.file = file;
            this.lines = lines;
            this.countOnly = countOnly;
        }

        abstract Row readNext() throws IOException;

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                try {
                    next = readNext();
                    if (next == null) {
                        done = true;
                        lines.close();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
                }
            }
            return next != null;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row r = next;
            next = null;
            return r;
        }

        /** Lines read ahead and given back, to be read again in order. */
        final java.util.Deque<Line> givenBack = new java.util.ArrayDeque<>();

        Line nextLine() throws IOException {
            return givenBack.isEmpty() ? lines.next() : givenBack.pollFirst();
        }

        /** The next line that is not blank (blank lines are layout, not records). */
        Line nextNonBlank() throws IOException {
            Line line;
            do {
                line = nextLine();
            } while (line != null && line.text() != null && line.text().isBlank());
            return line;
        }
    }

    /** Spark's JSON defaults that curated files may rely on: NaN and Infinity tokens, single quotes. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();

    /** What counting returns for each record. */
    private static final Row COUNTED = RowFactory.create();

    static final String NOT_AN_OBJECT = "not a JSON object (each line of a .jsonl file must be one JSON object)";

    /** Thrown while reading one line: the line is malformed for the reason given. */
    private static final class BadRecord extends Exception {
        BadRecord(String message) {
            super(message, null, false, false);
        }
    }

    private final class JsonRecords extends Records {
        /** The first wrong-typed field of the line being parsed (the rest of the line is still read). */
        private String typeError;

        JsonRecords(String file, LineSource lines, boolean countOnly) {
            super(file, lines, countOnly);
        }

        @Override
        Row readNext() throws IOException {
            Line line = nextNonBlank();
            if (line == null) {
                return null;
            }
            if (countOnly) {
                return COUNTED;
            }
            if (line.text() == null) {
                // Undecodable bytes: the id may still be readable in the preview, to help find the record.
                Object[] values = null;
                try {
                    values = line.preview().length() < RAW_PREVIEW_CHARS ? parse(line.preview()) : null;
                } catch (BadRecord ignored) {
                    // no id then
                }
                return row(file, line.number(), line.preview(), line.error(), values);
            }
            try {
                typeError = null;
                Object[] values = parse(line.text());
                return row(file, line.number(), line.text(), typeError, values);
            } catch (BadRecord e) {
                return row(file, line.number(), line.text(), e.getMessage(), null);
            }
        }

        /** The line's values by field; unknown keys are skipped (extra columns are allowed). */
        private Object[] parse(String text) throws BadRecord {
            Object[] values = new Object[fields.length];
            boolean[] seen = new boolean[fields.length];
            try (JsonParser p = JSON.createParser(text)) {
                try {
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        throw new BadRecord(NOT_AN_OBJECT);
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        Integer i = fieldIndex.get(p.currentName());
                        JsonToken value = p.nextToken();
                        if (i == null) {
                            p.skipChildren();
                            continue;
                        }
                        if (seen[i]) {
                            wrongType(fields[i] + " is given twice in the object");
                        }
                        seen[i] = true;
                        values[i] = isList[i] ? list(p, value, fields[i]) : scalar(p, value, fields[i]);
                    }
                } catch (JsonProcessingException e) {
                    throw new BadRecord(NOT_AN_OBJECT + ": " + brief(e));
                }
                try {
                    if (p.nextToken() != null) {
                        throw new BadRecord("more than one JSON value on the line (each line of a .jsonl file "
                                + "holds one object; are the lines separated by CR only?)");
                    }
                } catch (JsonProcessingException trailing) {
                    throw new BadRecord("text after the JSON object: " + trailing.getOriginalMessage());
                }
            } catch (IOException e) {
                throw new BadRecord(NOT_AN_OBJECT + ": " + e.getMessage());
            }
            return values;
        }

        private void wrongType(String error) {
            typeError = typeError == null ? error : typeError;
        }

        /** Text, a number as written (1e400 stays 1e400) or a boolean; null for JSON null. */
        private String scalar(JsonParser p, JsonToken token, String field) throws IOException {
            switch (token) {
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE:
                    return p.getText();
                case START_OBJECT, START_ARRAY:
                    wrongType(field + ": expected text, got a JSON " + (token == JsonToken.START_OBJECT
                            ? "object" : "array"));
                    p.skipChildren();
                    return null;
                default:
                    return null;
            }
        }

        private String[] list(JsonParser p, JsonToken token, String field) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token != JsonToken.START_ARRAY) {
                wrongType(field + ": expected a JSON array of strings, got "
                        + (token == JsonToken.START_OBJECT ? "a JSON object" : p.getText()));
                p.skipChildren();
                return null;
            }
            List<String> items = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    wrongType(field + ": expected a JSON array of strings, got an array holding a JSON "
                            + (t == JsonToken.START_OBJECT ? "object" : "array"));
                    p.skipChildren();
                } else if (t != JsonToken.VALUE_NULL) {
                    items.add(p.getText());
                }
            }
            return items.toArray(new String[0]);
        }

        private static String brief(JsonProcessingException e) {
            String message = e.getOriginalMessage();
            message = message.length() > 200 ? message.substring(0, 200) + "..." : message;
            return message + " at column " + e.getLocation().getColumnNr();
        }
    }

    /** A reader row: the field values are cleaned (trimmed, blank to null, lists de-duplicated). */
    private Row row(String file, long line, String raw, String error, Object[] values) {
        Object[] row = new Object[4 + fields.length];
        row[0] = file;
        row[1] = line;
        row[2] = raw;
        row[3] = error;
        if (values != null) {
            for (int i = 0; i < fields.length; i++) {
                row[4 + i] = isList[i] ? cleanList((String[]) values[i]) : cleanText((String) values[i]);
            }
        }
        return RowFactory.create(row);
    }

    static String cleanText(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.isEmpty() ? null : trimmed;
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

    private final class CsvRecords extends Records {
        private final CsvParser parser;
        private int[] columnOfField;
        /** Lines up to this number were read on behalf of a broken record: they are not joined again. */
        private long rereadThrough;
        private int headerWidth;
        private String headerError;

        CsvRecords(String file, LineSource lines, boolean countOnly) {
            super(file, lines, countOnly);
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
            this.parser = new CsvParser(settings);
        }

        @Override
        Row readNext() throws IOException {
            if (columnOfField == null && headerError == null) {
                Line header = nextNonBlank();
                if (header == null) {
                    return null;
                }
                if (readHeader(header)) {
                    return readNext();
                }
                // No usable header: the first line is data, and is reported like every other line.
                return malformed(header.number(), header.text() != null ? header.text() : header.preview(),
                        header.error() != null ? header.error() : headerError);
            }
            Line first = nextNonBlank();
            if (first == null) {
                return null;
            }
            if (first.text() == null) {
                return malformed(first.number(), first.preview(), first.error());
            }
            if (headerError != null) {
                return malformed(first.number(), first.text(), headerError);
            }
            StringBuilder record = new StringBuilder(first.text());
            boolean open = quoteOpenAfter(first.text(), false);
            // A quoted field may hold line breaks: read on while a quote is open, unless this line was already
            // read as part of a broken record (so each line is re-read at most once).
            List<Line> continuation = new ArrayList<>();
            String broken = open && first.number() <= rereadThrough
                    ? "a quoted field opened on this line is never closed" : null;
            while (open && broken == null) {
                Line more = nextLine();
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
                if (strictFields(more.text()) == headerWidth) {
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
                open = quoteOpenAfter(more.text(), true);
            }
            if (countOnly && continuation.isEmpty()) {
                return COUNTED; // one line, one record, whatever its cells
            }
            String[] cells = null;
            String problem = broken;
            if (problem == null) {
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
            return row(file, first.number(), text, null, values);
        }

        private Row malformed(long line, String raw, String error) {
            return row(file, line, raw, error, null);
        }

        /** Maps header names (trimmed, case-insensitive) to fields; false if the header is unusable. */
        private boolean readHeader(Line header) {
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
         * Whether a quoted field is still open at the end of {@code s}, given whether one was open before it.
         * A quote opens a field only at the field's start (RFC 4180); elsewhere in an unquoted field it is text.
         */
        static boolean quoteOpenAfter(String s, boolean open) {
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
                    fieldStart = true;
                } else {
                    open = c == '"' && fieldStart;
                    fieldStart = false;
                }
            }
            return open;
        }
    }
}
