package org.coopmetrics.normalize;

import static org.apache.spark.sql.functions.sum;
import static org.coopmetrics.SparkTestSupport.spark;
import static org.coopmetrics.SparkTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.InputFiles;
import org.coopmetrics.ingest.Ledger;
import org.coopmetrics.ingest.RawRecordReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every event row in one bucket (contract section 6): read by the job's reader, settled by {@link EventRows}
 * and {@link EventRevisions}; on the real 2017 sample against data/events_expected.py, and on hand-made rows for
 * repeated ids and re-emissions.
 */
class EventRevisionsTest {
    private static final ReferenceData REF = ReferenceData.load(null, new Configuration());

    @TempDir
    Path dir;

    private static Dataset<Row> ledger(String input, LocalDate asOf, long minMentions) {
        InputFiles.Listing listing = InputFiles.list(input, DatasetSpec.EVENTS, new Configuration());
        EventRows rows = new EventRows(new EventRules(REF.cameoCountries(), REF.eventSectors(), asOf, minMentions),
                listing.files());
        Dataset<Row> read = new RawRecordReader(DatasetSpec.EVENTS, 1 << 20, new Configuration())
                .read(spark(), listing.files(), listing.bytes(), null, rows).cache();
        return EventRevisions.ledger(read);
    }

    private static Map<String, Long> byStatus(Dataset<Row> ledger) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row r : ledger.groupBy("status").agg(sum(Ledger.rows(DatasetSpec.EVENTS))).collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        return counts;
    }

    @Test
    void theRealSampleEndsInTheBucketsTheIndependentScriptCounts() {
        String sample = Path.of("data/curated").toUri().toString();
        // python3 data/events_expected.py (--as-of 2017-06-01 --min-mentions 3 for the second)
        assertEquals(Map.of("out_of_scope", 5533L, "superseded", 262L, "accepted", 295L),
                byStatus(ledger(sample, LocalDate.parse("2025-12-31"), 1)));
        assertEquals(Map.of("out_of_scope", 5881L, "after_as_of", 70L, "superseded", 19L, "accepted", 120L),
                byStatus(ledger(sample, LocalDate.parse("2017-06-01"), 3)));
    }

    @Test
    void aSecondRealBatchFromAnotherSourceEndsInTheScriptsBuckets() {
        // 100 rows of 2015 and 2020 from spark-gdelt's test resources (src/test/resources/gdelt/README.md)
        String batch = Path.of("src/test/resources/gdelt").toUri().toString();
        assertEquals(Map.of("out_of_scope", 89L, "superseded", 7L, "accepted", 4L),
                byStatus(ledger(batch, LocalDate.parse("2025-12-31"), 1)));
        assertEquals(Map.of("out_of_scope", 94L, "after_as_of", 6L),
                byStatus(ledger(batch, LocalDate.parse("2019-12-31"), 2)));
    }

    @Test
    void repeatedIdsKeepTheLatestVersionThenReEmissionsTheLowestId() {
        // a.export.CSV, lines 1..6
        write(dir, "events/a.export.CSV", String.join("\n",
                event("10", "20250911083000", "PAK", "BHR", "064", "https://e.org/1"),
                event("11", "20250911083000", "PAK", "BHR", "064", "https://e.org/2"),
                event("11", "20250911083000", "PAK", "BHR", "064", "https://e.org/2"),
                event("21", "20250911083000", "PAK", "BHR", "042", "https://e.org/3"),
                event("20", "20250911083000", "PAK", "BHR", "042", "https://e.org/3"),
                event("22", "20250911083000", "BHR", "PAK", "042", "https://e.org/3")) + "\n");
        // b.export.CSV, lines 1..4
        write(dir, "events/b.export.CSV", String.join("\n",
                event("10", "20250911091500", "PAK", "BHR", "064", "https://e.org/1b"),
                event("30", "20250911091500", "PAK", "BHR", "043", "https://e.org/4"),
                event("29", "20250911100000", "PAK", "BHR", "043", "https://e.org/5"),
                event("30", "20250911101500", "PAK", "BHR", "043", "https://e.org/5"),
                event("40", "20250911120000", "PAK", "AFR", "043", "https://e.org/6")) + "\n");
        write(dir, "events/c.export.CSV", event("40", "20250911080000", "PAK", "IND", "043", "https://e.org/6")
                + "\n");
        Map<String, String> got = new TreeMap<>();
        for (Row r : ledger(dir.toUri().toString(), LocalDate.parse("2025-12-31"), 1)
                .select("source_file", "line", "status", Ledger.FOLDED).collectAsList()) {
            String file = r.getString(0);
            String letter = file.substring(file.lastIndexOf('/') + 1, file.lastIndexOf('/') + 2);
            got.put(letter + (r.isNullAt(1) ? " folded" : r.getLong(1)),
                    r.getString(2) + (r.isNullAt(3) ? "" : " x" + r.getLong(3)));
        }
        Map<String, String> expected = new TreeMap<>();
        expected.put("a1", "superseded"); // id 10, recorded again later in b1
        expected.put("b1", "accepted");
        expected.put("a2", "accepted");   // id 11 twice at the same instant: the first read stays
        expected.put("a3", "superseded");
        expected.put("a4", "superseded"); // id 21 re-emits id 20's event (same day, pair, code and article)
        expected.put("a5", "accepted");
        expected.put("a6", "accepted");   // the other direction is another event
        // id 30's later version (b4) wins over b2, then re-emits id 29's event (b3): the lowest id stays
        expected.put("b2", "superseded");
        expected.put("b3", "accepted");
        expected.put("b4", "superseded");
        // b5: AFR is a region: a later version out of scope supersedes nothing. Like every row out of scope, it
        // is folded into its file's row for its reason, which no revision looks at.
        expected.put("b folded", "out_of_scope x1");
        expected.put("c1", "accepted");
        assertEquals(expected, got);
    }

    /** A GDELT line: an event of 2025-09-11 with the given id, recording time, countries, code and article. */
    private static String event(String id, String added, String actor1, String actor2, String code, String url) {
        List<String> cells = new ArrayList<>(Collections.nCopies(61, ""));
        cells.set(0, id);
        cells.set(1, "20250911");
        cells.set(7, actor1);
        cells.set(17, actor2);
        cells.set(26, code);
        cells.set(27, code);
        cells.set(28, code.substring(0, 2));
        cells.set(30, "3.5");
        cells.set(31, "2");
        cells.set(32, "1");
        cells.set(33, "2");
        cells.set(34, "1.25");
        cells.set(59, added);
        cells.set(60, url);
        return String.join("\t", cells);
    }
}
