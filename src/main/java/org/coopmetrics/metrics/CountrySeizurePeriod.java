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
import org.coopmetrics.normalize.Seizures;

/** {@code country_seizure_period}: every seizure, with or without partner, by reporting country, sector, drug. */
public final class CountrySeizurePeriod {
    private CountrySeizurePeriod() {
    }

    public static Dataset<Row> compute(Dataset<Row> seizures, List<Grain> grains) {
        // Sums are exact (decimals and counts), so a grain's sums add up to any grain it divides: one pass over
        // the seizures at the finest grain asked for serves the coarser ones. Spark computes the shared
        // aggregation once and reads it for each of them (the union's branches reuse its exchange).
        Grain base = grains.contains(Grain.DAY) ? Grain.DAY : grains.contains(Grain.MONTH) ? Grain.MONTH : null;
        Dataset<Row> baseSums = base == null ? null : sums(seizures, base);
        Dataset<Row> all = null;
        for (Grain g : grains) {
            Dataset<Row> one = report(g == base ? baseSums : divides(base, g) ? rollUp(baseSums, g)
                    : sums(seizures, g), g);
            all = all == null ? one : all.unionByName(one);
        }
        return all;
    }

    /** Whether every period of {@code coarser} is a whole number of periods of {@code finer}. */
    static boolean divides(Grain finer, Grain coarser) {
        if (finer == null || finer == coarser) {
            return false;
        }
        return finer == Grain.DAY || (finer == Grain.MONTH && (coarser == Grain.QUARTER || coarser == Grain.YEAR));
    }

    static final String[] KEYS = {"reporting_country", "sector", "drug", "period_start"};
    static final String[] SUMS = {"events", "kg", "count_units", "value_usd", "reported_totals", "reported_total_kg",
        "reported_total_value_usd"};

    /** Per key and period of {@code grain}: the sums, null where a period has none of a measure. */
    static Dataset<Row> sums(Dataset<Row> seizures, Grain grain) {
        Column isEvent = col("kind").equalTo("event");
        Column isTotal = col("kind").equalTo("period_total");
        return seizures
                .withColumn("period_start", Periods.start(grain, col("date")))
                .groupBy(KEYS[0], KEYS[1], KEYS[2], KEYS[3])
                .agg(sum(when(isEvent, 1L).otherwise(0L)).as("events"),
                        sum(when(isEvent, col("kg"))).as("kg"),
                        sum(when(isEvent, col("count_units"))).as("count_units"),
                        sum(when(isEvent, col("value_usd"))).as("value_usd"),
                        sum(when(isTotal, 1L).otherwise(0L)).as("reported_totals"),
                        sum(when(isTotal, col("kg"))).as("reported_total_kg"),
                        sum(when(isTotal, col("value_usd"))).as("reported_total_value_usd"));
    }

    /** The sums of a finer grain added up to {@code grain}. */
    static Dataset<Row> rollUp(Dataset<Row> finer, Grain grain) {
        Column[] added = new Column[SUMS.length - 1];
        for (int i = 1; i < SUMS.length; i++) {
            added[i - 1] = sum(col(SUMS[i])).as(SUMS[i]);
        }
        return finer.withColumn("period_start", Periods.start(grain, col("period_start")))
                .groupBy(KEYS[0], KEYS[1], KEYS[2], KEYS[3])
                .agg(sum(col(SUMS[0])).as(SUMS[0]), added);
    }

    /** The report's columns and types for one grain. */
    static Dataset<Row> report(Dataset<Row> sums, Grain grain) {
        return sums.select(col("reporting_country"), col("sector"), col("drug"), col("period_start"),
                Periods.end(grain, col("period_start")).as("period_end"), col("events"),
                zero("kg", Seizures.KG).cast(DataTypes.DoubleType).as("kg"),
                zero("count_units", Seizures.KG).cast(DataTypes.DoubleType).as("count_units"),
                zero("value_usd", Seizures.USD).as("value_usd"), col("reported_totals"),
                zero("reported_total_kg", Seizures.KG).cast(DataTypes.DoubleType).as("reported_total_kg"),
                zero("reported_total_value_usd", Seizures.USD).as("reported_total_value_usd"),
                lit(grain.id()).as("grain"), year(col("period_start")).as("year"));
    }

    private static Column zero(String c, DataType type) {
        return coalesce(col(c), lit(0)).cast(type);
    }
}
