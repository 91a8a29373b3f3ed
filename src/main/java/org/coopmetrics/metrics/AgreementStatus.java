package org.coopmetrics.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code agreement_status}: each agreement once per pair of its parties, as it stood on the as-of date. */
public final class AgreementStatus {
    private AgreementStatus() {
    }

    public static Dataset<Row> compute(Dataset<Row> agreements, LocalDate asOf) {
        Column asOfDate = lit(asOf.toString()).cast("date");
        Dataset<Row> rows = agreements.withColumn("pair", explode(Facts.partyPairs(col("parties"))));
        // Lifecycle dates after the as-of date had not happened yet on that date.
        for (String f : org.coopmetrics.normalize.AgreementRules.LIFECYCLE) {
            rows = rows.withColumn(f, when(col(f).leq(asOfDate), col(f)));
        }
        Column status = when(col("ended_on").isNotNull(), "ended")
                .when(col("in_force_on").isNotNull(), "in_force")
                .when(col("signed_on").isNotNull(), "signed")
                .otherwise("announced");
        return rows.select(col("agreement_id"), col("type"), col("title"), col("pair.country_a").as("country_a"),
                col("pair.country_b").as("country_b"), col("sectors"), status.as("status"), col("announced_on"),
                col("signed_on"), col("in_force_on"), col("ended_on"),
                datediff(col("signed_on"), col("announced_on")).as("days_announced_to_signed"),
                datediff(col("in_force_on"), col("signed_on")).as("days_signed_to_in_force"));
    }
}
