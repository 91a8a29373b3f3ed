package org.coopmetrics.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One dataset as read: its files, its ledger (every row with its status) and the reader's own count of the
 * records it read, per file, so that the tally can prove no row went astray between the reader and the ledger.
 * The count is complete once the ledger has been computed.
 *
 * @param reader reads the files again for the raw text of rows quarantined only once revisions were settled
 * @param cached what is cached for the ledger (the rows it is a view over)
 * @param ambiguous where the rows quarantined as ambiguous revisions lie ({@code _file}, {@code _line}): their text
 *                  is read again for the quarantine report; null when the dataset's revisions quarantine none
 *                  (events: GDELT's revisions only supersede)
 */
public record Ingested(DatasetSpec spec, InputFiles.Listing listing, Dataset<Row> ledger, RecordsRead recordsRead,
                       RawRecordReader reader, List<Dataset<Row>> cached, Dataset<Row> ambiguous) {

    public Ingested withLedger(Dataset<Row> next, List<Dataset<Row>> nextCached) {
        return withLedger(next, nextCached, null);
    }

    public Ingested withLedger(Dataset<Row> next, List<Dataset<Row>> nextCached, Dataset<Row> nextAmbiguous) {
        return new Ingested(spec, listing, next, recordsRead, reader, nextCached, nextAmbiguous);
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

    /**
     * The quarantined rows with their raw text. Rows quarantined as ambiguous revisions lost their text when it
     * was not yet known that they would be quarantined: it is read again, from their files only, passing over
     * the lines before them.
     */
    public Dataset<Row> quarantined() {
        Dataset<Row> rows = ledger.filter(col(Ledger.STATUS).equalTo(Ledger.QUARANTINED))
                .select("dataset", "source_file", "line", "record_id", Ledger.REASON, Ledger.DETAIL, "raw");
        if (ambiguous == null) {
            return rows; // every quarantined row kept its text
        }
        // Text read again for a row that kept its own changes nothing: its own is taken first.
        Dataset<Row> text = reader.rawText(ledger.sparkSession(), ambiguous);
        return rows.join(text, col("source_file").equalTo(col("_file")).and(col("line").equalTo(col("_line"))),
                        "left")
                .withColumn("raw", coalesce(col("raw"), col("_raw")))
                .drop("_file", "_line", "_raw");
    }

    /** Frees what the ledger kept in memory. */
    public void unpersist() {
        cached.forEach(Dataset::unpersist);
    }
}
