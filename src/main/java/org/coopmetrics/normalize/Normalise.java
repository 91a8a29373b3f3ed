package org.coopmetrics.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.Ingested;
import org.coopmetrics.ingest.Ledger;
import org.coopmetrics.ingest.QuarantineReason;
import org.coopmetrics.ingest.Revisions;

/**
 * Settles every row of a dataset read as {@link CanonicalRows}: revisions are settled on the canonical rows, and
 * each row still undecided takes its verdict.
 */
public final class Normalise {
    /** What only revisions and the verdicts need. */
    private static final List<String> HELPERS = List.of(CanonicalRows.RECORDED_AT, CanonicalRows.CONTENT_HASH,
            CanonicalRows.VERDICT, CanonicalRows.VERDICT_REASON, CanonicalRows.VERDICT_DETAIL, CanonicalRows.ROW_KEY);

    private Normalise() {
    }

    /**
     * The ledger: status, reason and detail settled for every row. Only the rows as read are kept, and the few
     * losers of revisions: the ledger is a view over them (a broadcast join on the row key), read by the tallies,
     * the plans and the reports. Caching the ledger as well cost more to build than its readers saved
     * (docs/performance.md).
     *
     * <p>The rows as read are kept on local disk, not in memory: at 10M rows they are some three times the memory
     * Spark has for caching under a 3 GB heap, and blocks moved between memory and disk cost more than reading
     * them from disk each time (10M: 186 s against 222 s; 1M even).
     */
    public static Ingested ledger(Ingested d) {
        Dataset<Row> read = d.ledger().persist(StorageLevel.DISK_ONLY());
        Dataset<Row> canonical = CanonicalRows.located(read, d.spec(), d.listing().files());
        Dataset<Row> losers = Revisions.losers(canonical, d.spec()).persist(StorageLevel.MEMORY_AND_DISK());
        // The rows whose text is read again for the quarantine report are among the few losers: found there, not by
        // a scan of every row (which ran before the reports, three times at 10M rows: 5 s).
        Dataset<Row> ambiguous = CanonicalRows.places(losers.filter(col("_reason")
                .equalTo(QuarantineReason.AMBIGUOUS_REVISION.code())), "_key", d.listing().files());
        return d.withLedger(verdicts(Revisions.settle(canonical, losers)), List.of(read, losers), ambiguous);
    }

    /**
     * The events' ledger ({@link EventRows} settled by {@link EventRevisions}), cached like the curated ones: the
     * rows as read and the few losers.
     */
    public static Ingested events(Ingested d) {
        Dataset<Row> rows = d.ledger().persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> losers = EventRevisions.losers(rows).persist(StorageLevel.MEMORY_AND_DISK());
        return d.withLedger(EventRevisions.settle(rows, losers), List.of(rows, losers));
    }

    /** The columns of a dataset's ledger: the ledger's own but the helpers, then the dataset's canonical ones. */
    public static StructType schema(DatasetSpec spec) {
        StructType schema = new StructType();
        StructType all = spec == DatasetSpec.EVENTS ? new EventRows(null, List.of()).schema()
                : CanonicalRows.ledgerSchema(spec);
        for (StructField f : all.fields()) {
            if (!HELPERS.contains(f.name())) {
                schema = schema.add(f);
            }
        }
        return schema;
    }

    /** Rows still undecided after revisions take the normaliser's verdict; its helper columns go. */
    public static Dataset<Row> verdicts(Dataset<Row> rows) {
        Column decided = col(Ledger.STATUS).isNotNull();
        return rows
                .withColumn(Ledger.REASON, when(decided, col(Ledger.REASON)).otherwise(col(CanonicalRows.VERDICT_REASON)))
                .withColumn(Ledger.DETAIL, when(decided, col(Ledger.DETAIL)).otherwise(col(CanonicalRows.VERDICT_DETAIL)))
                .withColumn(Ledger.STATUS, when(decided, col(Ledger.STATUS)).otherwise(col(CanonicalRows.VERDICT)))
                // Only the quarantine report shows raw text (a superseded row may have been quarantined first).
                .withColumn("raw", when(col(Ledger.STATUS).equalTo(Ledger.QUARANTINED), col("raw")))
                .drop(HELPERS.toArray(String[]::new));
    }
}
