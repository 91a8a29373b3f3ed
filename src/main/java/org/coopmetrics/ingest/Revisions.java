package org.coopmetrics.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.coopmetrics.ingest.QuarantineReason.AMBIGUOUS_REVISION;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Settles revisions: rows sharing an id are versions of one record; the latest {@code recorded_at} wins and
 * older ones are superseded. Ties with different content are ambiguous (quarantined); identical ties
 * collapse to the first by file and line.
 *
 * <p>Only a narrow projection takes part (id, instant, content hash, file, line), and only of ids seen more than
 * once: the losers it finds are few, and go back to the wide rows by a broadcast join on a row key (file and
 * line in one long), so whole rows are never shuffled or sorted.
 */
public final class Revisions {
    private Revisions() {
    }

    /**
     * The rows (undecided ones take part: those with an id and a valid recorded_at) with the losers settled as
     * superseded or quarantined as ambiguous. Columns in: record_id, recorded_at (text), recorded_at_ts,
     * content_hash, source_file, line, row_key and the ledger's; the same columns out.
     */
    public static Dataset<Row> settle(Dataset<Row> rows, DatasetSpec spec) {
        return settle(rows, losers(rows, spec));
    }

    /** The rows with the {@link #losers} given (found on these rows) settled. */
    public static Dataset<Row> settle(Dataset<Row> rows, Dataset<Row> lost) {
        Column decided = col(Ledger.STATUS).isNotNull();
        return rows.join(broadcast(lost), col("row_key").equalTo(col("_key")), "left")
                .withColumn(Ledger.REASON, when(decided, col(Ledger.REASON)).otherwise(col("_reason")))
                .withColumn(Ledger.DETAIL, when(decided, col(Ledger.DETAIL)).otherwise(col("_detail")))
                .withColumn(Ledger.STATUS, when(decided, col(Ledger.STATUS)).otherwise(col("_status")))
                .drop("_key", "_status", "_reason", "_detail");
    }

    /**
     * The undecided rows that lose to another version, by row key: _key, _status, _reason, _detail. Few: the
     * superseded versions and ambiguous ties.
     */
    public static Dataset<Row> losers(Dataset<Row> rows, DatasetSpec spec) {
        Dataset<Row> open = rows.filter(Ledger.undecided())
                .select(col("record_id"), col("recorded_at"), col("recorded_at_ts"), col("content_hash"),
                        col("source_file"), col("line"), col("row_key"), xxhash64(col("record_id")).as("_id_hash"));
        // Repeated ids are found on a 64-bit hash of the id: counting longs is much cheaper than counting every id's
        // text. A hash two ids share only lets a few rows more into the windows below, which compare the ids.
        Dataset<Row> repeated = open.groupBy("_id_hash").agg(count(lit(1)).as("_versions"))
                .filter(col("_versions").gt(1)).select(col("_id_hash").as("_repeated"));
        // Broadcast, so that the rows are filtered where they lie: a sort-merge join would shuffle every row to find
        // the few repeated ones (AQE turns it into a broadcast only once both sides are shuffled). The hashes are
        // 8 bytes an id revised; a dataset revising every id of 10M rows would broadcast some 100 MB.
        open = open.join(broadcast(repeated), col("_id_hash").equalTo(col("_repeated")), "left_semi")
                .drop("_id_hash");

        WindowSpec inOrder = Window.partitionBy("record_id").orderBy("recorded_at_ts", "source_file", "line");
        WindowSpec whole = inOrder.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
        WindowSpec byVersion = Window.partitionBy("record_id", "recorded_at_ts");
        Column ts = col("recorded_at_ts");
        open = open.withColumn("_latest", max(ts).over(whole))
                .withColumn("_previous", lag(ts, 1).over(inOrder))
                .withColumn("_ties", count(lit(1)).over(byVersion))
                .withColumn("_differs", min("content_hash").over(byVersion)
                        .notEqual(max("content_hash").over(byVersion)));
        // A version sharing its instant with an earlier one (by file and line) is a tie; the first stands for the
        // rest, unless their content differs: then none of them stands.
        Column status = when(ts.lt(col("_latest")), lit(Ledger.SUPERSEDED))
                .when(col("_differs"), lit(Ledger.QUARANTINED))
                .when(ts.equalTo(col("_previous")), lit(Ledger.SUPERSEDED));
        Column ambiguous = col("_status").equalTo(Ledger.QUARANTINED);
        return open.withColumn("_status", status).filter(col("_status").isNotNull())
                .select(col("row_key").as("_key"), col("_status"),
                        when(ambiguous, lit(AMBIGUOUS_REVISION.code())).as("_reason"),
                        when(ambiguous, concat(col("_ties").cast("string"), lit(" rows share " + spec.idField()
                                + " '"), col("record_id"), lit("' and recorded_at "), col("recorded_at"),
                                lit(" but differ in content"))).as("_detail"));
    }
}
