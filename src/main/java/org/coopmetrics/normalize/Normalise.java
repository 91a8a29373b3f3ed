package org.coopmetrics.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.coopmetrics.ingest.Ingested;
import org.coopmetrics.ingest.Ledger;
import org.coopmetrics.ingest.Revisions;

/**
 * Settles every row of a dataset read as {@link CanonicalRows}: the canonical rows are cached (tallies, plans
 * and reports all read them), revisions are settled on them, and each remaining row takes its verdict.
 */
public final class Normalise {
    private Normalise() {
    }

    /** The ledger (lazy over the cached canonical rows): status, reason and detail settled for every row. */
    public static Ingested ledger(Ingested d) {
        Dataset<Row> canonical = d.ledger().persist(StorageLevel.MEMORY_AND_DISK());
        return d.withLedger(verdicts(Revisions.settle(canonical, d.spec())), canonical);
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
                .drop(CanonicalRows.RECORDED_AT, CanonicalRows.CONTENT_HASH, CanonicalRows.VERDICT,
                        CanonicalRows.VERDICT_REASON, CanonicalRows.VERDICT_DETAIL);
    }
}
