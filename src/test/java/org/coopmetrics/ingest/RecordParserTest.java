package org.coopmetrics.ingest;

import static org.coopmetrics.SparkTestSupport.schemaOf;
import static org.coopmetrics.SparkTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.coopmetrics.LedgerRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From raw records to one text column per curated field: CSV header mapped by name, lists split, trimmed, with
 * empty items dropped and duplicates removed, JSON lists that are not arrays quarantined.
 */
class RecordParserTest {
    @TempDir
    static Path dir;

    static List<String> schema;
    /** "file:line" -> parsed row. */
    static LedgerRows rows;

    @BeforeAll
    static void parseAll() {
        // mapped.csv: columns in another order than the spec, names trimmed and in any case, an unknown column,
        // and no date/speaker columns at all.
        Path csv = write(dir, "mapped.csv", String.join("\n",
                " Recorded_At ,sectors,extra_col,STATEMENT_ID,kind,sources,quote",
                "2025-09-11T08:00:00Z,\"a; b;;a\",ignored,p1,  Praise ,https://x.example/1;https://x.example/2, hi ",
                "2025-09-11T08:00:00Z,,x,p2,,;; ;,",
                "2025-09-11T08:00:00Z,CT;CT,x,p3,intent,\"https://x.example/a,b\",",
                ""));
        Path jsonl = write(dir, "lists.jsonl", String.join("\n",
                "{\"statement_id\":\"l1\",\"sectors\":[\" CT \",\"cn\",\"\",\"CT\",null],"
                        + "\"sources\":[\"https://a.example\"],\"kind\":\"praise\"}",
                "{\"statement_id\":\"l2\",\"sectors\":\"counter_narcotics\",\"sources\":[\"https://a.example\"]}",
                "{\"statement_id\":\"l3\",\"sectors\":[\"cn\"],\"sources\":\"https://a.example\"}",
                "{\"statement_id\":\"  l4  \",\"speaker\":\"  A  B  \",\"unknown_field\":1,\"sectors\":[],\"quote\":\"\"}",
                "{\"statement_id\":42,\"date\":20250301,\"sectors\":null}",
                "{\"statement_id\":\"l6\",\"sectors\":{\"a\":1}}",
                "[1,2]",
                "\"just text\"",
                ""));
        Dataset<Row> parsed = LedgerRows.parse(DatasetSpec.STATEMENTS, 1024, csv, jsonl);
        schema = schemaOf(parsed);
        rows = LedgerRows.byFileAndLine(parsed.collectAsList());
    }

    static void assertUndecided(String key) {
        Row r = rows.row(key);
        assertNull(r.getAs("status"), key + " status (" + r.getAs("reason") + ": " + r.getAs("detail") + ")");
        assertNull(r.getAs("reason"), key + " reason");
    }

    static void assertMalformed(String key, String detail) {
        rows.assertQuarantined(key, "malformed_record", detail);
    }

    @Test
    void outputHasOneColumnPerFieldInTheContractsOrderWithListsAsArrays() {
        assertEquals(List.of("dataset:string", "source_file:string", "line:bigint", "raw:string",
                "statement_id:string", "date:string", "speaker:string", "speaker_role:string",
                "speaker_country:string", "counterpart_country:string", "sectors:array<string>", "kind:string",
                "quote:string", "sources:array<string>", "recorded_at:string", "record_id:string",
                "status:string", "reason:string", "detail:string"), schema);
        // 3 CSV records + 8 JSON lines (the final empty line is not a record)
        assertEquals(11, rows.size());
    }

    @Test
    void csvHeaderIsMappedByNameWhateverTheOrderAndExtraColumnsAreIgnored() {
        assertUndecided("mapped.csv:2");
        assertEquals("p1", rows.get("mapped.csv:2", "statement_id"));
        assertEquals("p1", rows.get("mapped.csv:2", "record_id"));
        assertEquals("2025-09-11T08:00:00Z", rows.get("mapped.csv:2", "recorded_at"));
        assertEquals("Praise", rows.get("mapped.csv:2", "kind")); // trimmed; case is the normaliser's business
        assertEquals("hi", rows.get("mapped.csv:2", "quote"));
        assertEquals(List.of("https://x.example/1", "https://x.example/2"), rows.list("mapped.csv:2", "sources"));
        // columns the file does not have are null
        assertNull(rows.get("mapped.csv:2", "date"));
        assertNull(rows.get("mapped.csv:2", "speaker"));
        assertEquals("statements", rows.get("mapped.csv:2", "dataset"));
    }

    @Test
    void csvListIsSplitOnSemicolonTrimmedWithoutEmptiesAndDistinct() {
        // "a; b;;a" -> [a, " b", "", a] -> trimmed [a, b, "", a] -> non-empty [a, b, a] -> distinct [a, b]
        assertEquals(List.of("a", "b"), rows.list("mapped.csv:2", "sectors"));
        // "CT;CT" -> [CT]
        assertEquals(List.of("CT"), rows.list("mapped.csv:4", "sectors"));
        // a quoted comma stays inside the one list item
        assertEquals(List.of("https://x.example/a,b"), rows.list("mapped.csv:4", "sources"));
    }

    @Test
    void csvEmptyCellsAreNullAndAListOfOnlySeparatorsIsEmpty() {
        assertUndecided("mapped.csv:3");
        assertNull(rows.list("mapped.csv:3", "sectors"));
        assertNull(rows.get("mapped.csv:3", "kind"));
        assertNull(rows.get("mapped.csv:3", "quote"));
        // ";; ;" -> no items left
        assertEquals(List.of(), rows.list("mapped.csv:3", "sources"));
    }

    @Test
    void jsonListIsTrimmedWithoutEmptiesOrNullsAndDistinct() {
        assertUndecided("lists.jsonl:1");
        // [" CT ", "cn", "", "CT", null] -> [CT, cn]
        assertEquals(List.of("CT", "cn"), rows.list("lists.jsonl:1", "sectors"));
        assertEquals(List.of("https://a.example"), rows.list("lists.jsonl:1", "sources"));
    }

    @Test
    void jsonListGivenAsPlainStringIsMalformedNamingTheField() {
        assertMalformed("lists.jsonl:2", "sectors: expected a JSON array of strings, got counter_narcotics");
        assertEquals("l2", rows.get("lists.jsonl:2", "record_id"));
        assertMalformed("lists.jsonl:3", "sources: expected a JSON array of strings, got https://a.example");
        assertEquals("l3", rows.get("lists.jsonl:3", "record_id"));
        // an object is not a list either
        assertMalformed("lists.jsonl:6", "sectors: expected a JSON array of strings, got a JSON object");
        assertEquals("l6", rows.get("lists.jsonl:6", "record_id"));
    }

    @Test
    void jsonTextIsTrimmedEmptyTextIsNullAndUnknownKeysAreIgnored() {
        assertUndecided("lists.jsonl:4");
        assertEquals("l4", rows.get("lists.jsonl:4", "statement_id"));
        assertEquals("l4", rows.get("lists.jsonl:4", "record_id"));
        assertEquals("A  B", rows.get("lists.jsonl:4", "speaker"));
        assertNull(rows.get("lists.jsonl:4", "quote"));
        assertEquals(List.of(), rows.list("lists.jsonl:4", "sectors"));
        assertNull(rows.list("lists.jsonl:4", "sources"));
    }

    @Test
    void jsonNumbersArriveAsTheirText() {
        // numbers are read as text; whether they are valid is decided later, per field
        assertUndecided("lists.jsonl:5");
        assertEquals("42", rows.get("lists.jsonl:5", "record_id"));
        assertEquals("20250301", rows.get("lists.jsonl:5", "date"));
        assertNull(rows.list("lists.jsonl:5", "sectors"));
    }

    @Test
    void jsonLineThatIsNotAnObjectIsMalformed() {
        String detail = "not a JSON object (each line of a .jsonl file must be one JSON object)";
        assertMalformed("lists.jsonl:7", detail);
        assertEquals("[1,2]", rows.get("lists.jsonl:7", "raw"));
        assertMalformed("lists.jsonl:8", detail);
        assertTrue(rows.values().stream().allMatch(r -> r.getAs("status") == null
                || "malformed_record".equals(r.getAs("reason"))));
    }
}
