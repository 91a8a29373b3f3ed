package org.coopmetrics.ingest;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One dataset as read: its files, its ledger (every row with its status) and the rows read, counted apart
 * from the ledger so that the tally can prove no row went astray in between.
 */
public record Ingested(DatasetSpec spec, InputFiles.Listing listing, Dataset<Row> ledger, long read) {

    public Ingested withLedger(Dataset<Row> next) {
        return new Ingested(spec, listing, next, read);
    }

    public Dataset<Row> accepted() {
        return ledger.filter(col(Ledger.STATUS).equalTo(Ledger.ACCEPTED));
    }

    public Dataset<Row> quarantined() {
        return ledger.filter(col(Ledger.STATUS).equalTo(Ledger.QUARANTINED))
                .select("dataset", "source_file", "line", "record_id", Ledger.REASON, Ledger.DETAIL, "raw");
    }
}
