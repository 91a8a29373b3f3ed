package org.coopmetrics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.coopmetrics.SparkTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.coopmetrics.LedgerRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows sharing an id are revisions: the latest recorded_at wins, ties must be identical. */
class RevisionsTest {
    @TempDir
    static Path dir;

    /** "file:line" -> resolved row. */
    static LedgerRows rows;

    @BeforeAll
    static void resolveAll() {
        Path jsonl = write(dir, "revisions.jsonl", String.join("\n",
                /* 1 */ "{\"statement_id\":\"r1\",\"quote\":\"old\",\"recorded_at\":\"2025-09-10T08:00:00Z\"}",
                /* 2 */ "{\"statement_id\":\"r1\",\"quote\":\"new\",\"recorded_at\":\"2025-09-11T08:00:00Z\"}",
                /* 3 */ "{\"statement_id\":\"r2\",\"quote\":\"one\",\"recorded_at\":\"2025-09-11T08:00:00Z\"}",
                /* 4 */ "{\"statement_id\":\"r2\",\"quote\":\"two\",\"recorded_at\":\"2025-09-11T08:00:00Z\"}",
                /* 5 */ "{\"statement_id\":\"r2\",\"quote\":\"older\",\"recorded_at\":\"2025-09-01T00:00:00Z\"}",
                /* 6 */ "{\"statement_id\":\"r3\",\"quote\":\"same\",\"recorded_at\":\"2025-09-11T08:00:00Z\"}",
                /* 7 */ "{\"statement_id\":\"r3\",\"quote\":\"same\",\"recorded_at\":\"2025-09-11T08:00:00Z\"}",
                /* 8 */ "{\"quote\":\"no id\",\"recorded_at\":\"2025-09-11T08:00:00Z\"}",
                /* 9 */ "{\"statement_id\":\"r5\",\"recorded_at\":\"2025-09-11\"}",
                /* 10 */ "{\"statement_id\":\"r6\",\"recorded_at\":\"2025-09-11T10:00:00+05:00\"}",
                /* 11 */ "{\"statement_id\":\"r7\",\"quote\":\"offset\",\"recorded_at\":\"2025-09-11T10:00:00+05:00\"}",
                /* 12 */ "{\"statement_id\":\"r7\",\"quote\":\"utc\",\"recorded_at\":\"2025-09-11T06:00:00Z\"}",
                /* 13 */ "{\"statement_id\":\"r8\",\"recorded_at\":\"2025-09-11T08:30:00\"}",
                /* 14 */ "{\"statement_id\":\"r9\"}",
                /* 15 */ "{\"statement_id\":\"r1\",\"quote\":\"newest but bad\",\"recorded_at\":\"yesterday\"}",
                /* 16 */ "{\"statement_id\":\"   \",\"recorded_at\":\"2025-09-11T08:00:00Z\"}",
                /* 17 */ "{\"statement_id\":\"r10\",\"kind\":\"praise\",\"sectors\":[\"CT\",\"cn\"],"
                        + "\"recorded_at\":\"2025-09-11T08:00:00Z\"}",
                /* 18 */ "{\"statement_id\":\"r11\",\"recorded_at\":\"2025-09-11T08:00Z\"}",
                /* 19 */ "{\"statement_id\":\"r12\",\"recorded_at\":\"2025-09-11T08:00:00.250-03:30\"}",
                ""));
        // the same r10 in a CSV file: identical content in another format; "a-copy.csv" sorts before
        // "revisions.jsonl", so it is the one kept
        Path csv = write(dir, "a-copy.csv", "statement_id,kind,sectors,recorded_at\n"
                + "r10,praise,CT;cn,2025-09-11T08:00:00Z\n");
        DatasetSpec spec = DatasetSpec.STATEMENTS;
        Dataset<Row> canonical = LedgerRows.canonical(spec, 1024, LedgerRows.reference(), LocalDate.parse("2025-12-31"),
                csv, jsonl);
        // the quote, which the ledger does not keep, from the same files as read, to tell the versions apart
        Dataset<Row> quotes = LedgerRows.read(spec, 1024, csv, jsonl)
                .select(col("source_file").as("_file"), col("line").as("_line"), col("quote"));
        rows = LedgerRows.byFileAndLine(Revisions.settle(canonical, spec)
                .join(quotes, col("source_file").equalTo(col("_file")).and(col("line").equalTo(col("_line"))))
                .collectAsList());
    }

    /** The row of a line of revisions.jsonl. */
    static Row row(int line) {
        return rows.row("revisions.jsonl:" + line);
    }

    static void assertStatus(int line, String status, String reason, String detail) {
        rows.assertStatus("revisions.jsonl:" + line, status, reason, detail);
    }

    static void assertUndecided(int line) {
        assertStatus(line, null, null, null);
    }

    static void assertSuperseded(int line) {
        assertStatus(line, "superseded", null, null);
    }

    static Instant ts(int line) {
        Timestamp t = row(line).getAs("recorded_at_ts");
        return t == null ? null : t.toInstant();
    }

    @Test
    void everyRowComesOutOnce() {
        // 19 JSON lines + 1 CSV record
        assertEquals(20, rows.size());
    }

    @Test
    void laterRecordedAtWins() {
        assertSuperseded(1); // 2025-09-10T08:00Z < 2025-09-11T08:00Z
        assertUndecided(2);
        assertEquals("new", row(2).getAs("quote"));
    }

    @Test
    void aRevisionWithAnInvalidRecordedAtDoesNotWin() {
        // line 15 is quarantined on its own; line 2 is still r1's latest valid revision
        assertStatus(15, "quarantined", "invalid_date",
                "recorded_at: 'yesterday' is not an ISO-8601 instant like 2025-09-11T08:30:00Z");
        assertUndecided(2);
    }

    @Test
    void tieWithDifferentContentIsAmbiguous() {
        String detail = "2 rows share statement_id 'r2' and recorded_at 2025-09-11T08:00:00Z but differ in content";
        assertStatus(3, "quarantined", "ambiguous_revision", detail);
        assertStatus(4, "quarantined", "ambiguous_revision", detail);
        // an older revision of r2 is still just superseded
        assertSuperseded(5);
    }

    @Test
    void identicalTieCollapsesToTheFirstByFileAndLine() {
        assertUndecided(6);
        assertSuperseded(7);
        // the same content in CSV and JSON is identical: a-copy.csv sorts first and is kept
        Row csv = rows.row("a-copy.csv:2");
        assertNull(csv.getAs("status"), "a-copy.csv:2 status (" + csv.getAs("detail") + ")");
        assertSuperseded(17);
    }

    @Test
    void missingIdOrRecordedAtIsMissingField() {
        assertStatus(8, "quarantined", "missing_field", "statement_id is missing");
        assertStatus(16, "quarantined", "missing_field", "statement_id is missing"); // blank after trimming
        assertStatus(14, "quarantined", "missing_field", "recorded_at is missing");
    }

    @Test
    void recordedAtMustBeAnInstantWithAZone() {
        assertStatus(9, "quarantined", "invalid_date",
                "recorded_at: '2025-09-11' is not an ISO-8601 instant like 2025-09-11T08:30:00Z");
        assertStatus(13, "quarantined", "invalid_date",
                "recorded_at: '2025-09-11T08:30:00' is not an ISO-8601 instant like 2025-09-11T08:30:00Z");
    }

    @Test
    void recordedAtWithAnOffsetIsAccepted() {
        assertUndecided(10);
        // 10:00 at +05:00 is 05:00 UTC
        assertEquals(Instant.parse("2025-09-11T05:00:00Z"), ts(10));
        // fraction and a negative offset: 08:00:00.250 at -03:30 is 11:30:00.250 UTC
        assertUndecided(19);
        assertEquals(Instant.parse("2025-09-11T11:30:00.250Z"), ts(19));
    }

    @Test
    void recordedAtWithoutSecondsIsAccepted() {
        // ISO-8601 allows hh:mm; Revisions.INSTANT makes the seconds optional on purpose
        assertUndecided(18);
        assertEquals(Instant.parse("2025-09-11T08:00:00Z"), ts(18));
    }

    @Test
    void revisionsAreComparedAsInstantsNotAsText() {
        // "2025-09-11T10:00:00+05:00" (05:00Z) is earlier than "2025-09-11T06:00:00Z", although it sorts later
        assertSuperseded(11);
        assertUndecided(12);
    }
}
