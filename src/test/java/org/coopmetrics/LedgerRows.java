package org.coopmetrics;

import static org.coopmetrics.SparkTestSupport.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.RawRecordReader;
import org.coopmetrics.ingest.RecordParser;

/**
 * Collected ledger rows (reader, parser, revisions or normaliser output) by a key, sorted, with the lookups and
 * status assertions the stage tests share. A key must not repeat.
 */
public final class LedgerRows {
    private final Map<String, Row> rows = new TreeMap<>();

    public LedgerRows(List<Row> all, Function<Row, String> key) {
        for (Row r : all) {
            String k = key.apply(r);
            assertNull(rows.put(k, r), "two rows for " + k);
        }
    }

    /** Keyed by record_id. */
    public static LedgerRows byRecordId(List<Row> all) {
        return new LedgerRows(all, r -> r.getAs("record_id"));
    }

    /** Keyed by "file:line", the file by its name without folders, e.g. "quoted.csv:3". */
    public static LedgerRows byFileAndLine(List<Row> all) {
        return new LedgerRows(all, r -> {
            String file = r.<String>getAs("source_file");
            return file.substring(file.lastIndexOf('/') + 1) + ":" + r.<Long>getAs("line");
        });
    }

    /** The files read by RawRecordReader (with the test session's Hadoop configuration), then RecordParser. */
    public static Dataset<Row> parse(DatasetSpec spec, int maxRecordBytes, Path... files) {
        List<String> paths = Arrays.stream(files).map(Path::toString).toList();
        Configuration conf = spark().sparkContext().hadoopConfiguration();
        return RecordParser.parse(new RawRecordReader(spec, maxRecordBytes, conf).read(spark(), paths), spec);
    }

    public int size() {
        return rows.size();
    }

    /** The keys, sorted as text. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(rows.keySet());
    }

    public Collection<Row> values() {
        return Collections.unmodifiableCollection(rows.values());
    }

    public Row row(String key) {
        Row r = rows.get(key);
        assertNotNull(r, "no row " + key + " in " + rows.keySet());
        return r;
    }

    public String get(String key, String field) {
        return row(key).getAs(field);
    }

    /** A list column, or null. */
    public List<String> list(String key, String field) {
        Row r = row(key);
        int i = r.fieldIndex(field);
        return r.isNullAt(i) ? null : r.getList(i);
    }

    public void assertStatus(String key, String status, String reason, String detail) {
        Row r = row(key);
        assertEquals(status, r.getAs("status"), key + " status (" + r.getAs("reason") + ": " + r.getAs("detail") + ")");
        assertEquals(reason, r.getAs("reason"), key + " reason");
        assertEquals(detail, r.getAs("detail"), key + " detail");
    }

    public void assertQuarantined(String key, String reason, String detail) {
        assertStatus(key, "quarantined", reason, detail);
    }

    /** Rows per status, a null status counted as "null". */
    public Map<String, Long> countByStatus() {
        return rows.values().stream().collect(Collectors.groupingBy(r -> String.valueOf(r.<String>getAs("status")),
                TreeMap::new, Collectors.counting()));
    }
}
