package org.coopmetrics.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every input row carries a status from reading to reporting, so that none is lost: it starts undecided
 * (null) and each stage settles some rows as quarantined (with reason and detail), superseded,
 * after the as-of date, or finally accepted.
 */
public final class Ledger {
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String DETAIL = "detail";

    public static final String QUARANTINED = "quarantined";
    public static final String SUPERSEDED = "superseded";
    public static final String AFTER_AS_OF = "after_as_of";
    public static final String ACCEPTED = "accepted";

    private Ledger() {
    }

    /**
     * One row check: when {@code failed} holds, the row is quarantined with {@code reason} (its
     * {@link QuarantineReason#code() code} goes in the reason column) and {@code detail}.
     */
    public record Check(Column failed, QuarantineReason reason, Column detail) {
        public Check {
            java.util.Objects.requireNonNull(reason, "reason");
        }
    }

    public static Check check(Column failed, QuarantineReason reason, Column detail) {
        return new Check(failed, reason, detail);
    }

    public static Check check(Column failed, QuarantineReason reason, String detail) {
        return new Check(failed, reason, lit(detail));
    }

    public static Column undecided() {
        return col(STATUS).isNull();
    }

    /** Quarantines undecided rows that fail a check; the first failing check (in list order) names the reason. */
    public static Dataset<Row> quarantine(Dataset<Row> rows, List<Check> checks) {
        Column[] failures = checks.stream()
                .map(c -> when(c.failed(), struct(lit(c.reason().code()).as(REASON), c.detail().as(DETAIL))))
                .toArray(Column[]::new);
        Column failure = failures.length == 1 ? failures[0] : coalesce(failures);
        return rows.withColumn("_failure", when(undecided(), failure))
                .withColumn(STATUS, when(col("_failure").isNotNull(), lit(QUARANTINED)).otherwise(col(STATUS)))
                .withColumn(REASON, coalesce(col(REASON), col("_failure." + REASON)))
                .withColumn(DETAIL, coalesce(col(DETAIL), col("_failure." + DETAIL)))
                .drop("_failure");
    }

    /** Gives undecided rows matching {@code condition} the status {@code status}. */
    public static Dataset<Row> settle(Dataset<Row> rows, Column condition, String status) {
        return rows.withColumn(STATUS, when(undecided().and(condition), lit(status)).otherwise(col(STATUS)));
    }
}
