package org.coopmetrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
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
import java.time.LocalDate;
import java.util.ArrayList;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.Ledger;
import org.coopmetrics.ingest.QuarantineReason;
import org.coopmetrics.ingest.RawRecordReader;
import org.coopmetrics.ingest.Revisions;
import org.coopmetrics.normalize.Canon;
import org.coopmetrics.normalize.CanonicalRows;
import org.coopmetrics.normalize.Normalise;
import org.coopmetrics.normalize.ReferenceData;

/**
 * Collected ledger rows (reader, revisions or normaliser output) by a key, sorted, with the lookups and
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

    /** The bundled reference tables. */
    public static ReferenceData reference() {
        return ReferenceData.load(null, spark().sparkContext().hadoopConfiguration());
    }

    /** The files as RawRecordReader reads them (with the test session's Hadoop configuration): text values. */
    public static Dataset<Row> read(DatasetSpec spec, int maxRecordBytes, Path... files) {
        return reader(spec, maxRecordBytes).read(spark(), paths(files));
    }

    /** The files read as the job reads them, one canonical row per record, revisions not yet settled. */
    public static Dataset<Row> canonical(DatasetSpec spec, int maxRecordBytes, ReferenceData ref, LocalDate asOf,
                                         Path... files) {
        List<String> paths = paths(files);
        Broadcast<Canon> canon = JavaSparkContext.fromSparkContext(spark().sparkContext())
                .broadcast(Canon.of(ref, asOf));
        return CanonicalRows.located(reader(spec, maxRecordBytes).read(spark(), paths,
                Collections.nCopies(paths.size(), 1L), null, new CanonicalRows(spec, canon, paths)), spec, paths);
    }

    /** The files read as the job reads them, every row settled: the dataset's ledger. */
    public static Dataset<Row> ledger(DatasetSpec spec, int maxRecordBytes, ReferenceData ref, LocalDate asOf,
                                      Path... files) {
        return Normalise.verdicts(Revisions.settle(canonical(spec, maxRecordBytes, ref, asOf, files), spec));
    }

    /**
     * The records as read (the spec's fields as text, in the contract's order) with the ledger columns the
     * job's reader gives them: dataset, record_id, and status, reason and detail for malformed records (the
     * reader's own verdict; other rows are undecided here).
     */
    public static Dataset<Row> parse(DatasetSpec spec, int maxRecordBytes, Path... files) {
        Column malformed = col(Ledger.REASON).equalTo(QuarantineReason.MALFORMED_RECORD.code());
        Dataset<Row> early = canonical(spec, maxRecordBytes, reference(), LocalDate.parse("2025-12-31"), files)
                .select(col("source_file").as("_file"), col("line").as("_line"), col("dataset"), col("record_id"),
                        when(malformed, col(Ledger.STATUS)).as(Ledger.STATUS),
                        when(malformed, col(Ledger.REASON)).as(Ledger.REASON),
                        when(malformed, col(Ledger.DETAIL)).as(Ledger.DETAIL));
        Dataset<Row> read = read(spec, maxRecordBytes, files);
        List<Column> columns = new ArrayList<>(List.of(col("dataset"), col("source_file"), col("line"), col("raw")));
        spec.fields().forEach(f -> columns.add(col(f)));
        for (String c : List.of("record_id", Ledger.STATUS, Ledger.REASON, Ledger.DETAIL)) {
            columns.add(col(c));
        }
        return read.join(early, col("source_file").equalTo(col("_file")).and(col("line").equalTo(col("_line"))))
                .select(columns.toArray(Column[]::new));
    }

    private static RawRecordReader reader(DatasetSpec spec, int maxRecordBytes) {
        return new RawRecordReader(spec, maxRecordBytes, spark().sparkContext().hadoopConfiguration());
    }

    private static List<String> paths(Path... files) {
        return Arrays.stream(files).map(Path::toString).toList();
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
