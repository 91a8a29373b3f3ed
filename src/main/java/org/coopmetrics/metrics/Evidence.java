package org.coopmetrics.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code evidence}: the curated rows, GDELT events and source URLs behind every report number, one row per
 * (pair, sector, date, dataset, record, source). A seizure without a partner is listed under its reporting
 * country alone (country_b null), so that {@code country_seizure_period} traces back too.
 */
public final class Evidence {
    private Evidence() {
    }

    public static Dataset<Row> compute(Dataset<Row> statements, Dataset<Row> agreements, Dataset<Row> seizures,
                                       Dataset<Row> events, LocalDate asOf) {
        Column asOfDate = lit(asOf.toString()).cast("date");
        Dataset<Row> fromStatements = statements.select(
                least(col("speaker_country"), col("counterpart_country")).as("country_a"),
                greatest(col("speaker_country"), col("counterpart_country")).as("country_b"),
                explode(col("sectors")).as("sector"), col("date"), lit("statements").as("dataset"),
                col("record_id"), col("sources"));
        Dataset<Row> fromAgreements = agreements
                .withColumn("pair", explode(Facts.partyPairs(col("parties"))))
                .withColumn("sector", explode(col("sectors")))
                .withColumn("date", explode(array_distinct(filter(array(col("announced_on"), col("signed_on"),
                        col("in_force_on"), col("ended_on")), d -> d.isNotNull().and(d.leq(asOfDate))))))
                .select(col("pair.country_a").as("country_a"), col("pair.country_b").as("country_b"),
                        col("sector"), col("date"), lit("agreements").as("dataset"), col("record_id"),
                        col("sources"));
        Column partner = col("partner_country");
        Dataset<Row> fromSeizures = seizures.select(
                when(partner.isNull(), col("reporting_country"))
                        .otherwise(least(col("reporting_country"), partner)).as("country_a"),
                when(partner.isNull(), lit(null).cast("string"))
                        .otherwise(greatest(col("reporting_country"), partner)).as("country_b"),
                col("sector"), col("date"), lit("seizures").as("dataset"), col("record_id"), col("sources"));
        // An event's one source is its SOURCEURL, kept as GDELT wrote it (text, when it is no URL).
        Dataset<Row> fromEvents = events.select(
                least(col("actor1_country"), col("actor2_country")).as("country_a"),
                greatest(col("actor1_country"), col("actor2_country")).as("country_b"),
                explode(col("sectors")).as("sector"), col("date"), lit("events").as("dataset"),
                col("record_id"), array(col("source_url")).as("sources"));
        // Unique by construction, so no distinct (a shuffle of every row): pairs, sectors, dates and sources are
        // each distinct within a record, and an accepted record is the only one with its id.
        return fromStatements.unionByName(fromAgreements).unionByName(fromSeizures).unionByName(fromEvents)
                .withColumn("source", explode_outer(array_distinct(col("sources"))))
                .drop("sources");
    }
}
