package org.coopmetrics.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.coopmetrics.config.Grain;
import org.coopmetrics.normalize.SeizureRules;

/** {@code country_seizure_period}: every seizure, with or without partner, by reporting country, sector, drug. */
public final class CountrySeizurePeriod {
    private CountrySeizurePeriod() {
    }

    public static Dataset<Row> compute(Dataset<Row> seizures, List<Grain> grains) {
        Dataset<Row> days = byDay(seizures);
        Dataset<Row> all = null;
        for (Grain g : grains) {
            Dataset<Row> one = forGrain(days, g);
            all = all == null ? one : all.unionByName(one);
        }
        return all;
    }

    /**
     * The seizures summed per reporting country, sector, drug and day: every grain sums these (exact decimal
     * sums, so the order does not matter), and the seizures themselves are read and shuffled once, not once a
     * grain (Spark reuses the one exchange in every grain's branch).
     */
    static Dataset<Row> byDay(Dataset<Row> seizures) {
        Column isEvent = col("kind").equalTo("event");
        Column isTotal = col("kind").equalTo("period_total");
        return seizures.groupBy("reporting_country", "sector", "drug", "date")
                .agg(sum(when(isEvent, 1L).otherwise(0L)).as("events"),
                        sum(when(isEvent, col("kg"))).as("kg"),
                        sum(when(isEvent, col("count_units"))).as("count_units"),
                        sum(when(isEvent, col("value_usd"))).as("value_usd"),
                        sum(when(isTotal, 1L).otherwise(0L)).as("reported_totals"),
                        sum(when(isTotal, col("kg"))).as("reported_total_kg"),
                        sum(when(isTotal, col("value_usd"))).as("reported_total_value_usd"));
    }

    static Dataset<Row> forGrain(Dataset<Row> days, Grain grain) {
        return days
                .withColumn("period_start", Periods.start(grain, col("date")))
                .groupBy("reporting_country", "sector", "drug", "period_start")
                .agg(sum("events").as("events"),
                        total(col("kg"), SeizureRules.KG).cast(DataTypes.DoubleType).as("kg"),
                        total(col("count_units"), SeizureRules.KG).cast(DataTypes.DoubleType).as("count_units"),
                        total(col("value_usd"), SeizureRules.USD).as("value_usd"),
                        sum("reported_totals").as("reported_totals"),
                        total(col("reported_total_kg"), SeizureRules.KG).cast(DataTypes.DoubleType)
                                .as("reported_total_kg"),
                        total(col("reported_total_value_usd"), SeizureRules.USD).as("reported_total_value_usd"))
                .select(col("reporting_country"), col("sector"), col("drug"), col("period_start"),
                        Periods.end(grain, col("period_start")).as("period_end"), col("events"), col("kg"),
                        col("count_units"), col("value_usd"), col("reported_totals"), col("reported_total_kg"),
                        col("reported_total_value_usd"), lit(grain.id()).as("grain"),
                        year(col("period_start")).as("year"));
    }

    private static Column total(Column c, DataType type) {
        return coalesce(sum(c), lit(0)).cast(type);
    }
}
