package org.coopmetrics.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.coopmetrics.ingest.Ingested;
import org.coopmetrics.ingest.Ledger;

/** Normalises a dataset's ledger with its own rules; the result is persisted, since tallies and reports reuse it. */
public final class Normalise {
    private Normalise() {
    }

    public static Ingested ledger(Ingested d, ReferenceData ref, LocalDate asOf) {
        Dataset<Row> rows = d.ledger();
        Dataset<Row> normalised = switch (d.spec()) {
            case STATEMENTS -> Statements.normalise(rows, ref, asOf);
            case AGREEMENTS -> Agreements.normalise(rows, ref, asOf);
            case SEIZURES -> Seizures.normalise(rows.sparkSession(), rows, ref, asOf);
        };
        // Only the quarantine report shows raw text: other rows need not carry it in the cache.
        return d.withLedger(normalised
                .withColumn("raw", when(col(Ledger.STATUS).equalTo(Ledger.QUARANTINED), col("raw")))
                .drop(d.spec().unreported().toArray(String[]::new))
                .persist(StorageLevel.MEMORY_AND_DISK()));
    }
}
