package org.coopmetrics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;
import static org.coopmetrics.ingest.QuarantineReason.AMBIGUOUS_REVISION;
import static org.coopmetrics.ingest.QuarantineReason.INVALID_DATE;
import static org.coopmetrics.ingest.QuarantineReason.MISSING_FIELD;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Settles revisions: rows sharing an id are versions of one record; the latest {@code recorded_at} wins and
 * older ones are superseded. Ties with different content are ambiguous (quarantined); identical ties
 * collapse to the first by file and line.
 */
public final class Revisions {
    /** ISO-8601 instant with an explicit zone: Z or an offset. */
    static final String INSTANT = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})$";

    private Revisions() {
    }

    public static Dataset<Row> resolve(Dataset<Row> parsed, DatasetSpec spec) {
        Column recordedAt = col("recorded_at");
        // Spark's cast wants seconds; ISO-8601 lets them be left out.
        Column withSeconds = regexp_replace(recordedAt, "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2})(Z|[+-])", "$1:00$2");
        Dataset<Row> rows = parsed.withColumn("recorded_at_ts",
                when(recordedAt.rlike(INSTANT), withSeconds.try_cast(DataTypes.TimestampType)));
        rows = Ledger.quarantine(rows, List.of(
                Ledger.check(col("record_id").isNull(), MISSING_FIELD, spec.idField() + " is missing"),
                Ledger.check(recordedAt.isNull(), MISSING_FIELD, "recorded_at is missing"),
                Ledger.check(col("recorded_at_ts").isNull(), INVALID_DATE,
                        concat(lit("recorded_at: '"), recordedAt,
                                lit("' is not an ISO-8601 instant like 2025-09-11T08:30:00Z")))));

        // Rows already decided (no id, no instant) stay out of every version group: each is a group of its own.
        // (Splitting them off and back with a union would read the input twice.)
        Column group = when(Ledger.undecided(), concat(lit("id:"), col("record_id")))
                .otherwise(concat(lit("row:"), col("source_file"), lit(":"), col("line").cast("string")));
        Dataset<Row> open = rows.withColumn("_group", group);

        // Ties share the instant already; its spelling (Z or +05:00) is not content.
        Column content = sha2(to_json(struct(spec.fields().stream().filter(f -> !f.equals("recorded_at"))
                .map(f -> col(f)).toArray(Column[]::new))), 256);
        // One shuffle and one sort (id, instant, file, line) serve every window below; left to itself Spark sorts
        // by id for one window and again by all four for the next, and copies the whole rows through four windows.
        open = open.repartition(col("_group")).sortWithinPartitions("_group", "recorded_at_ts", "source_file", "line");
        WindowSpec inOrder = Window.partitionBy("_group").orderBy("recorded_at_ts", "source_file", "line");
        WindowSpec whole = inOrder.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
        Column ts = col("recorded_at_ts");
        open = open.withColumn("_latest", max(ts).over(whole))
                .withColumn("_previous", lag(ts, 1).over(inOrder))
                .withColumn("_next", lead(ts, 1).over(inOrder));
        // A version sharing its instant with a neighbour is a tie; the first by file and line stands for the rest.
        // Hashing the content is needed only for ties, which few rows are.
        Column tied = ts.equalTo(col("_previous")).or(ts.equalTo(col("_next")));
        WindowSpec byVersion = Window.partitionBy("_group", "recorded_at_ts");
        open = open.withColumn("_content", when(tied, content))
                .withColumn("_ties", count(lit(1)).over(byVersion))
                .withColumn("_differs", min("_content").over(byVersion).notEqual(max("_content").over(byVersion)));
        open = Ledger.settle(open, ts.lt(col("_latest")), Ledger.SUPERSEDED);
        open = Ledger.quarantine(open, List.of(Ledger.check(col("_differs"), AMBIGUOUS_REVISION,
                concat(col("_ties").cast("string"), lit(" rows share " + spec.idField() + " '"), col("record_id"),
                        lit("' and recorded_at "), col("recorded_at"), lit(" but differ in content")))));
        return Ledger.settle(open, ts.equalTo(col("_previous")), Ledger.SUPERSEDED)
                .drop("_group", "_content", "_latest", "_previous", "_next", "_ties", "_differs");
    }
}
