package org.coopmetrics.ingest;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One dataset as read: its files, its ledger (every row with its status) and the reader's own count of the
 * records it read, per file, so that the tally can prove no row went astray between the reader and the ledger.
 * The count is complete once the ledger has been computed.
 */
public record Ingested(DatasetSpec spec, InputFiles.Listing listing, Dataset<Row> ledger, RecordsRead recordsRead) {

    public Ingested withLedger(Dataset<Row> next) {
        return new Ingested(spec, listing, next, recordsRead);
    }

    /** Records the reader read, over all files. */
    public long read() {
        return recordsRead.value().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Listed files the reader has not read to their end (none once the ledger has been computed). */
    public List<String> unread() {
        return listing.files().stream().filter(f -> !recordsRead.value().containsKey(f)).toList();
    }

    public Dataset<Row> accepted() {
        return ledger.filter(col(Ledger.STATUS).equalTo(Ledger.ACCEPTED));
    }

    public Dataset<Row> quarantined() {
        return ledger.filter(col(Ledger.STATUS).equalTo(Ledger.QUARANTINED))
                .select("dataset", "source_file", "line", "record_id", Ledger.REASON, Ledger.DETAIL, "raw");
    }
}
