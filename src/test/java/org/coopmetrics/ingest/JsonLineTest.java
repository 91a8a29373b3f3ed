package org.coopmetrics.ingest;

import static org.coopmetrics.SparkTestSupport.spark;
import static org.coopmetrics.SparkTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.coopmetrics.LedgerRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A line holding more than one JSON value is quarantined whole, never read in part. */
class JsonLineTest {
    @TempDir
    Path dir;

    static final String S = "{\"statement_id\": \"%s\", \"date\": \"2025-09-10\"}";

    @Test
    void secondValueOrTrailingTextIsMalformed() {
        Path file = write(dir, "s.jsonl", String.format(S, "one") + "\n"
                + String.format(S, "a") + String.format(S, "b") + "\n"
                + String.format(S, "c") + " trailing\n"
                + String.format(S, "d") + "\r" + String.format(S, "e") + "\r\n"
                + String.format(S, "f") + "   \n");
        spark();
        List<Row> rows = LedgerRows.parse(DatasetSpec.STATEMENTS, 1 << 20, file).orderBy("line").select("line", "status", "reason", "detail").collectAsList();
        assertEquals(5, rows.size(), "one row per line, none lost");
        assertEquals(null, rows.get(0).get(1), "line 1 is one object");
        for (int i = 1; i <= 3; i++) {
            assertEquals("quarantined", rows.get(i).get(1), "line " + (i + 1));
            assertEquals("malformed_record", rows.get(i).get(2));
        }
        assertTrue(rows.get(1).getString(3).startsWith("more than one JSON value on the line"), rows.get(1).getString(3));
        assertTrue(rows.get(2).getString(3).startsWith("text after the JSON object"), rows.get(2).getString(3));
        assertTrue(rows.get(3).getString(3).contains("CR only"), rows.get(3).getString(3));
        assertEquals(null, rows.get(4).get(1), "trailing blanks are fine");
    }
}
