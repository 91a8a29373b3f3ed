package org.coopmetrics.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode_outer;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code evidence}: the curated rows, GDELT events and source URLs behind every report number, one row per
 * (pair, sector, date, dataset, record, source), from the same {@link Facts} as {@code dyad_sector_period}. A
 * seizure without partner is listed under its reporting country alone (country_b null), so that
 * {@code country_seizure_period} traces back too.
 */
public final class Evidence {
    private Evidence() {
    }

    public static Dataset<Row> compute(Dataset<Row> facts) {
        // Unique by construction, so no distinct (a shuffle of every row): pairs, sectors and sources are each
        // distinct within a record (the normaliser drops a repeated source: Values.distinct), an agreement lists a
        // day once (Facts.EVIDENCE), and an accepted record is the only one with its id.
        return facts.filter(col(Facts.EVIDENCE))
                .select(col("country_a"), col("country_b"), col("sector"), col("date"), col(Facts.DATASET),
                        col(Facts.RECORD_ID), explode_outer(col(Facts.SOURCES)).as("source"));
    }
}
