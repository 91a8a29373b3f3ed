package org.coopmetrics.normalize;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.coopmetrics.ingest.Ledger;
import org.coopmetrics.ingest.Revisions;

/**
 * Step 4 of contract section 6 for the events still undecided after {@link EventRows} (valid, in scope, not
 * after the as-of date): a repeated {@code GLOBALEVENTID} keeps its latest {@code DATEADDED} (on a tie, the first
 * read by file and line); then, among the versions left, re-emissions (the same {@code SQLDATE}, actor country
 * codes as written, {@code EventCode} and {@code SOURCEURL}: one article, one event per pair, code and day) keep
 * the lowest {@code GLOBALEVENTID}. Everything else is accepted. Only a narrow projection of the in-scope rows is
 * shuffled; the losers go back to the rows by a broadcast join on the row key, as the curated revisions do.
 */
public final class EventRevisions {
    private EventRevisions() {
    }

    /** The ledger: every row of {@link EventRows} with its status settled. */
    public static Dataset<Row> ledger(Dataset<Row> rows) {
        return settle(rows, losers(rows));
    }

    /** The rows with {@link #losers} superseded and the rest still undecided accepted; the row key goes. */
    public static Dataset<Row> settle(Dataset<Row> rows, Dataset<Row> losers) {
        return Revisions.settle(rows, losers)
                .withColumn(Ledger.STATUS, coalesce(col(Ledger.STATUS), lit(Ledger.ACCEPTED)))
                .drop(CanonicalRows.ROW_KEY);
    }

    /** The undecided rows superseded by another version or emission: _key, _status, _reason, _detail. */
    public static Dataset<Row> losers(Dataset<Row> rows) {
        Dataset<Row> open = rows.filter(Ledger.undecided()).select("event_id", "date_added", "date",
                "actor1_cameo", "actor2_cameo", "event_code", "source_url", CanonicalRows.ROW_KEY);
        WindowSpec byId = Window.partitionBy("event_id").orderBy(col("date_added").desc(),
                col(CanonicalRows.ROW_KEY));
        Dataset<Row> versions = open.withColumn("_version", row_number().over(byId));
        WindowSpec byEmission = Window.partitionBy("date", "actor1_cameo", "actor2_cameo", "event_code", "source_url")
                .orderBy(col("event_id"), col(CanonicalRows.ROW_KEY));
        Dataset<Row> emissions = versions.filter(col("_version").equalTo(1))
                .withColumn("_emission", row_number().over(byEmission));
        return versions.filter(col("_version").gt(1)).select(CanonicalRows.ROW_KEY)
                .union(emissions.filter(col("_emission").gt(1)).select(CanonicalRows.ROW_KEY))
                .select(col(CanonicalRows.ROW_KEY).as("_key"), lit(Ledger.SUPERSEDED).as("_status"),
                        lit(null).cast("string").as("_reason"), lit(null).cast("string").as("_detail"));
    }
}
