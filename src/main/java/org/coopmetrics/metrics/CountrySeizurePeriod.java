package org.coopmetrics.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.util.ArrayList;
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

    /**
     * Every grain from one read and one shuffle of the seizures. When every grain is a month or longer, each seizure
     * is first summed into its month, and those few sums are then summed per grain: sums of exact sums are the same
     * numbers, and the work per seizure is one aggregation step, not one a grain. A day or a week grain does not
     * nest in months, and summing by day first would sum as many rows twice: then the seizures are summed per
     * grain directly.
     */
    public static Dataset<Row> compute(Dataset<Row> seizures, List<Grain> grains) {
        Column isEvent = col("kind").equalTo("event");
        Column isTotal = col("kind").equalTo("period_total");
        Dataset<Row> measures = seizures.select(col("reporting_country"), col("sector"), col("drug"), col("date"),
                when(isEvent, 1L).otherwise(0L).as("events"), when(isEvent, col("kg")).as("kg"),
                when(isEvent, col("count_units")).as("count_units"), when(isEvent, col("value_usd")).as("value_usd"),
                when(isTotal, 1L).otherwise(0L).as("reported_totals"), when(isTotal, col("kg")).as("reported_total_kg"),
                when(isTotal, col("value_usd")).as("reported_total_value_usd"));
        Dataset<Row> sums = grains.contains(Grain.DAY) || grains.contains(Grain.WEEK) ? measures : measures
                .groupBy(col("reporting_country"), col("sector"), col("drug"),
                        Periods.start(Grain.MONTH, col("date")).as("date"))
                .agg(sum("events").as("events"), sum("kg").as("kg"), sum("count_units").as("count_units"),
                        sum("value_usd").as("value_usd"), sum("reported_totals").as("reported_totals"),
                        sum("reported_total_kg").as("reported_total_kg"),
                        sum("reported_total_value_usd").as("reported_total_value_usd"));
        List<Column> periods = new ArrayList<>();
        for (Grain g : grains) {
            periods.add(struct(lit(g.id()).as("grain"), Periods.start(g, col("date")).as("period_start")));
        }
        Column periodEnd = null;
        for (Grain g : grains) {
            Column end = Periods.end(g, col("period_start"));
            periodEnd = periodEnd == null ? when(col("grain").equalTo(g.id()), end)
                    : periodEnd.when(col("grain").equalTo(g.id()), end);
        }
        return sums
                .withColumn("_period", explode(array(periods.toArray(Column[]::new))))
                .groupBy(col("reporting_country"), col("sector"), col("drug"), col("_period.grain").as("grain"),
                        col("_period.period_start").as("period_start"))
                .agg(sum("events").as("events"),
                        total(col("kg"), SeizureRules.KG).cast(DataTypes.DoubleType).as("kg"),
                        total(col("count_units"), SeizureRules.KG).cast(DataTypes.DoubleType).as("count_units"),
                        total(col("value_usd"), SeizureRules.USD).as("value_usd"),
                        sum("reported_totals").as("reported_totals"),
                        total(col("reported_total_kg"), SeizureRules.KG).cast(DataTypes.DoubleType)
                                .as("reported_total_kg"),
                        total(col("reported_total_value_usd"), SeizureRules.USD).as("reported_total_value_usd"))
                .select(col("reporting_country"), col("sector"), col("drug"), col("period_start"),
                        periodEnd.as("period_end"), col("events"), col("kg"),
                        col("count_units"), col("value_usd"), col("reported_totals"), col("reported_total_kg"),
                        col("reported_total_value_usd"), col("grain"), year(col("period_start")).as("year"));
    }

    private static Column total(Column c, DataType type) {
        return coalesce(sum(c), lit(0)).cast(type);
    }
}
