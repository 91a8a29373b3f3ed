package org.coopmetrics.ingest;

import static org.coopmetrics.SparkTestSupport.write;
import static org.coopmetrics.SparkTestSupport.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.coopmetrics.LedgerRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading curated files line by line: line numbers, blank lines, BOM, CRLF, encoding, size limit, and CSV
 * records (quoted commas and line breaks, field counts, header). All fixture files are read in one go
 * (reader, then parser) and the collected rows are checked by file name and line number.
 */
class RawRecordReaderTest {
    static final int MAX = 1024;

    @TempDir
    static Path dir;

    /** "file:line" -> parsed row. */
    static LedgerRows rows;

    static String longQuote;
    static String exactLine;

    @BeforeAll
    static void readAll() {
        // lines.jsonl, physical lines:
        // 1 j1 | 2 empty | 3 spaces only | 4 malformed | 5 j3 (valid UTF-8 'é') | 6 j4 (Latin-1 0xE9)
        // 7 j5 (5000 bytes) | 8 j6 (exactly 1024 bytes) | 9 j7 (1025 bytes) | 10 j8 (no final newline)
        String j5Prefix = "{\"statement_id\":\"j5\",\"quote\":\"";
        longQuote = "x".repeat(5000 - j5Prefix.length() - 2);
        String j5 = j5Prefix + longQuote + "\"}";
        assertEquals(5000, j5.length());
        String j6Prefix = "{\"statement_id\":\"j6\",\"quote\":\"";
        exactLine = j6Prefix + "y".repeat(MAX - j6Prefix.length() - 2) + "\"}";
        assertEquals(1024, exactLine.length());
        String j7Prefix = "{\"statement_id\":\"j7\",\"quote\":\"";
        String j7 = j7Prefix + "z".repeat(MAX + 1 - j7Prefix.length() - 2) + "\"}";
        assertEquals(1025, j7.length());

        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        put(lines, "{\"statement_id\":\"j1\",\"quote\":\"first\"}\n");
        put(lines, "\n");
        put(lines, "   \t \n");
        put(lines, "{\"statement_id\":\"j2\",\"quote\": oops}\n");
        put(lines, "{\"statement_id\":\"j3\",\"quote\":\"café\"}\n");
        put(lines, "{\"statement_id\":\"j4\",\"quote\":\"caf");
        lines.write(0xE9); // Latin-1 'é': not valid UTF-8
        put(lines, "\"}\n");
        put(lines, j5 + "\n");
        put(lines, exactLine + "\n");
        put(lines, j7 + "\n");
        put(lines, "{\"statement_id\":\"j8\",\"quote\":\"last\"}"); // no final newline
        Path jsonl = writeBytes(dir, "lines.jsonl", lines.toByteArray());

        // bom.jsonl: UTF-8 BOM, CRLF line ends, a blank CRLF line: rows on lines 1 and 3.
        Path bomJson = write(dir, "bom.jsonl",
                "\uFEFF{\"statement_id\":\"b1\"}\r\n\r\n{\"statement_id\":\"b2\",\"quote\":\"end\"}\r\n");

        // bom-limit.jsonl: line 1 is a BOM then exactly 1024 bytes of JSON; line 2 is 1024 bytes of JSON then CRLF.
        // Neither record is over 1024 bytes (the BOM and the CR are not part of the record).
        String k1Prefix = "{\"statement_id\":\"k1\",\"quote\":\"";
        String k1 = k1Prefix + "k".repeat(MAX - k1Prefix.length() - 2) + "\"}";
        String k2Prefix = "{\"statement_id\":\"k2\",\"quote\":\"";
        String k2 = k2Prefix + "k".repeat(MAX - k2Prefix.length() - 2) + "\"}";
        Path bomLimit = write(dir, "bom-limit.jsonl", "\uFEFF" + k1 + "\n" + k2 + "\r\n");

        // excel.csv: what Excel writes as "CSV UTF-8": a BOM and CRLF line ends.
        Path excel = write(dir, "excel.csv",
                "\uFEFFstatement_id,kind,recorded_at\r\n"
                        + "e1,praise,2025-09-11T08:00:00Z\r\n"
                        + "\r\n"
                        + "e2,\"multi\r\nline\",2025-09-12T08:00:00Z\r\n"
                        + "e3,intent,2025-09-13T08:00:00Z\r\n");

        // quoted.csv, physical lines:
        // 1 header | 2 q1 (quoted comma) | 3-4 q2 (quoted newline) | 5 q3 (escaped quotes) | 6 empty
        // 7-9 q4 (quoted field holding an empty line) | 10 q5 (4 fields) | 11 q6 (2 fields)
        // 12 q7 (5000 bytes) | 13 q8 (Latin-1) | 14 q9 fine | 15 q10 quote never closed | 16 q11
        String q7Prefix = "q7,\"";
        String q7 = q7Prefix + "w".repeat(5000 - q7Prefix.length() - "\",2025-09-11T08:00:00Z".length())
                + "\",2025-09-11T08:00:00Z";
        assertEquals(5000, q7.length());
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        put(csv, "statement_id,quote,recorded_at\n");
        put(csv, "q1,\"Hello, world\",2025-09-11T08:00:00Z\n");
        put(csv, "q2,\"two\nlines\",2025-09-11T08:00:00Z\n");
        put(csv, "q3,\"say \"\"hi\"\"\",2025-09-11T08:00:00Z\n");
        put(csv, "\n");
        put(csv, "q4,\"para one\n\npara two\",2025-09-11T08:00:00Z\n");
        put(csv, "q5,too,many,2025-09-11T08:00:00Z\n");
        put(csv, "q6,few\n");
        put(csv, q7 + "\n");
        put(csv, "q8,caf");
        csv.write(0xE9);
        put(csv, ",2025-09-11T08:00:00Z\n");
        put(csv, "q9,fine,2025-09-11T08:00:00Z\n");
        put(csv, "q10,\"never closed,2025-09-11T08:00:00Z\n");
        put(csv, "q11,after,2025-09-11T08:00:00Z\n");
        Path quoted = writeBytes(dir, "quoted.csv", csv.toByteArray());

        // headerless.csv: the first line is data, so there is no usable header: every line is malformed.
        Path headerless = write(dir, "headerless.csv",
                "h1,praise,2025-09-11T08:00:00Z\nh2,intent,2025-09-11T08:00:00Z\n");

        rows = LedgerRows.byFileAndLine(LedgerRows.parse(DatasetSpec.STATEMENTS, MAX,
                jsonl, bomJson, bomLimit, excel, quoted, headerless).collectAsList());
    }

    private static void put(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    static void assertOk(String key, String id) {
        Row r = rows.row(key);
        assertEquals(id, r.getAs("statement_id"), key + " statement_id");
        assertNull(r.getAs("status"), key + " status (" + r.getAs("reason") + ": " + r.getAs("detail") + ")");
    }

    static void assertMalformed(String key, String detail) {
        rows.assertQuarantined(key, "malformed_record", detail);
    }

    static List<String> keysOf(String file) {
        return rows.keys().stream().filter(k -> k.startsWith(file + ":")).toList();
    }

    @Test
    void jsonLinesKeepTheirLineNumbersAndBlankLinesAreNotRecords() {
        // 10 physical lines, 2 blank (2 and 3): 8 records, numbered by physical line.
        assertEquals(List.of("lines.jsonl:1", "lines.jsonl:10", "lines.jsonl:4", "lines.jsonl:5", "lines.jsonl:6",
                "lines.jsonl:7", "lines.jsonl:8", "lines.jsonl:9"), keysOf("lines.jsonl"));
        assertOk("lines.jsonl:1", "j1");
        assertEquals("first", rows.get("lines.jsonl:1", "quote"));
        assertEquals("statements", rows.get("lines.jsonl:1", "dataset"));
        assertOk("lines.jsonl:5", "j3");
        assertEquals("café", rows.get("lines.jsonl:5", "quote"));
        assertOk("lines.jsonl:10", "j8");
        assertEquals("last", rows.get("lines.jsonl:10", "quote"));
    }

    @Test
    void malformedJsonLineIsQuarantinedWithItsLineAndRawText() {
        // the detail says where the line breaks, in Jackson's words
        assertMalformed("lines.jsonl:4", "not a JSON object (each line of a .jsonl file must be one JSON object): "
                + "Unrecognized token 'oops': was expecting (JSON String, Number (or 'NaN'/'+INF'/'-INF'), Array, "
                + "Object or token 'null', 'true' or 'false') at column 31");
        assertEquals("{\"statement_id\":\"j2\",\"quote\": oops}", rows.get("lines.jsonl:4", "raw"));
    }

    @Test
    void latin1BytesAreMalformedMentioningUtf8() {
        assertMalformed("lines.jsonl:6", "line is not valid UTF-8 (save the file as UTF-8)");
        // the raw preview is decoded leniently: 0xE9 shows as U+FFFD
        assertEquals("{\"statement_id\":\"j4\",\"quote\":\"caf\uFFFD\"}", rows.get("lines.jsonl:6", "raw"));
        assertMalformed("quoted.csv:13", "line is not valid UTF-8 (save the file as UTF-8)");
        assertEquals("q8,caf\uFFFD,2025-09-11T08:00:00Z", rows.get("quoted.csv:13", "raw"));
    }

    @Test
    void lineOverMaxRecordBytesIsMalformedAndItsRawTruncated() {
        assertMalformed("lines.jsonl:7", "record is 5000 bytes, over the limit of 1024 bytes (max_record_bytes)");
        // raw keeps the first RAW_PREVIEW_CHARS = 1000 characters (all ASCII here)
        String raw = rows.get("lines.jsonl:7", "raw");
        assertEquals(1000, raw.length());
        assertEquals(("{\"statement_id\":\"j5\",\"quote\":\"" + longQuote).substring(0, 1000), raw);
        // 1025 bytes: one over
        assertMalformed("lines.jsonl:9", "record is 1025 bytes, over the limit of 1024 bytes (max_record_bytes)");
        // CSV: same limit, same message
        assertMalformed("quoted.csv:12", "record is 5000 bytes, over the limit of 1024 bytes (max_record_bytes)");
        assertEquals(1000, rows.get("quoted.csv:12", "raw").length());
        assertTrue(rows.get("quoted.csv:12", "raw").startsWith("q7,\"www"));
        // the id, read before the cut, is the ledger's record_id; no other field is kept
        assertEquals("j5", rows.get("lines.jsonl:7", "record_id"));
        assertNull(rows.get("lines.jsonl:7", "quote"));
        assertEquals("j7", rows.get("lines.jsonl:9", "record_id"));
        assertEquals("q7", rows.get("quoted.csv:12", "record_id"));
        assertNull(rows.get("quoted.csv:12", "quote"));
    }

    @Test
    void lineOfExactlyMaxRecordBytesIsRead() {
        assertOk("lines.jsonl:8", "j6");
        assertEquals(exactLine, rows.get("lines.jsonl:8", "raw"));
    }

    @Test
    void bomAndCrDoNotCountTowardsMaxRecordBytes() {
        // line 1: BOM + 1024 bytes of JSON; line 2: 1024 bytes of JSON + CR LF. Both are within the limit.
        assertOk("bom-limit.jsonl:1", "k1");
        assertEquals(1024, rows.get("bom-limit.jsonl:1", "raw").length());
        assertOk("bom-limit.jsonl:2", "k2");
        assertEquals(1024, rows.get("bom-limit.jsonl:2", "raw").length());
    }

    @Test
    void bomAndCrlfAreStripped() {
        assertEquals(List.of("bom.jsonl:1", "bom.jsonl:3"), keysOf("bom.jsonl"));
        assertOk("bom.jsonl:1", "b1");
        assertEquals("{\"statement_id\":\"b1\"}", rows.get("bom.jsonl:1", "raw"));
        assertOk("bom.jsonl:3", "b2");
        assertEquals("{\"statement_id\":\"b2\",\"quote\":\"end\"}", rows.get("bom.jsonl:3", "raw"));

        // excel.csv: the BOM does not spoil the first header name, CR does not end up in the last field
        assertEquals(List.of("excel.csv:2", "excel.csv:4", "excel.csv:6"), keysOf("excel.csv"));
        assertOk("excel.csv:2", "e1");
        assertEquals("praise", rows.get("excel.csv:2", "kind"));
        assertEquals("2025-09-11T08:00:00Z", rows.get("excel.csv:2", "recorded_at"));
        assertEquals("e1,praise,2025-09-11T08:00:00Z", rows.get("excel.csv:2", "raw"));
        // a quoted CRLF inside a field: the record's line break is kept as LF
        assertOk("excel.csv:4", "e2");
        assertEquals("multi\nline", rows.get("excel.csv:4", "kind"));
        assertEquals("2025-09-12T08:00:00Z", rows.get("excel.csv:4", "recorded_at"));
        assertOk("excel.csv:6", "e3");
        assertEquals("2025-09-13T08:00:00Z", rows.get("excel.csv:6", "recorded_at"));
    }

    @Test
    void csvQuotedCommaAndQuotedNewlines() {
        assertEquals(List.of("quoted.csv:10", "quoted.csv:11", "quoted.csv:12", "quoted.csv:13", "quoted.csv:14",
                "quoted.csv:15", "quoted.csv:16", "quoted.csv:2", "quoted.csv:3", "quoted.csv:5", "quoted.csv:7"),
                keysOf("quoted.csv"));
        assertOk("quoted.csv:2", "q1");
        assertEquals("Hello, world", rows.get("quoted.csv:2", "quote"));
        assertEquals("2025-09-11T08:00:00Z", rows.get("quoted.csv:2", "recorded_at"));
        // q2 spans lines 3-4: it keeps line 3, and q3 is on line 5
        assertOk("quoted.csv:3", "q2");
        assertEquals("two\nlines", rows.get("quoted.csv:3", "quote"));
        assertEquals("q2,\"two\nlines\",2025-09-11T08:00:00Z", rows.get("quoted.csv:3", "raw"));
        assertOk("quoted.csv:5", "q3");
        assertEquals("say \"hi\"", rows.get("quoted.csv:5", "quote"));
        // an empty line inside quotes belongs to the field (lines 7-9); q5 is on line 10
        assertOk("quoted.csv:7", "q4");
        assertEquals("para one\n\npara two", rows.get("quoted.csv:7", "quote"));
        // after the over-long and the undecodable lines, reading goes on
        assertOk("quoted.csv:14", "q9");
        assertEquals("fine", rows.get("quoted.csv:14", "quote"));
    }

    @Test
    void csvRowWithTooManyOrTooFewFieldsIsMalformed() {
        assertMalformed("quoted.csv:10", "CSV record has 4 fields but the header has 3");
        assertEquals("q5,too,many,2025-09-11T08:00:00Z", rows.get("quoted.csv:10", "raw"));
        assertMalformed("quoted.csv:11", "CSV record has 2 fields but the header has 3");
        assertEquals("q6,few", rows.get("quoted.csv:11", "raw"));
    }

    @Test
    void csvQuoteNeverClosedSpoilsOnlyItsOwnLine() {
        // line 15 opens a quote that is never closed: only line 15 is malformed, and line 16 is read on its own
        assertMalformed("quoted.csv:15", "unbalanced quote: a quoted field opened on this line is not closed before "
                + "line 16, which holds a whole record of its own (was this line cut short?)");
        assertEquals("q10,\"never closed,2025-09-11T08:00:00Z", rows.get("quoted.csv:15", "raw"));
        assertOk("quoted.csv:16", "q11");
        assertEquals("after", rows.get("quoted.csv:16", "quote"));
    }

    @Test
    void csvWithoutHeaderReportsEveryLine() {
        String detail = "CSV header missing or without the column statement_id "
                + "(the first line of a CSV file must name its columns)";
        assertEquals(List.of("headerless.csv:1", "headerless.csv:2"), keysOf("headerless.csv"));
        assertMalformed("headerless.csv:1", detail);
        assertEquals("h1,praise,2025-09-11T08:00:00Z", rows.get("headerless.csv:1", "raw"));
        assertMalformed("headerless.csv:2", detail);
        assertEquals("h2,intent,2025-09-11T08:00:00Z", rows.get("headerless.csv:2", "raw"));
    }

    @Test
    void everyRecordIsAccountedFor() {
        // lines.jsonl 8 + bom.jsonl 2 + bom-limit.jsonl 2 + excel.csv 3 + quoted.csv 11 + headerless.csv 2 = 28
        assertEquals(28, rows.size());
        // quarantined: lines.jsonl 4, 6, 7, 9; quoted.csv 10, 11, 12, 13, 15; headerless.csv 1, 2 = 11
        // (bom-limit.jsonl left out: see bomAndCrDoNotCountTowardsMaxRecordBytes)
        long quarantined = rows.keys().stream().filter(k -> !k.startsWith("bom-limit.jsonl:"))
                .filter(k -> "quarantined".equals(rows.get(k, "status"))).count();
        assertEquals(11, quarantined);
        // the reader and parser settle nothing but malformed records
        assertFalse(rows.values().stream().anyMatch(r -> r.getAs("status") != null
                && !("quarantined".equals(r.getAs("status")) && "malformed_record".equals(r.getAs("reason")))));
    }
}
