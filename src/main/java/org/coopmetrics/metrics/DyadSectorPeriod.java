package org.coopmetrics.metrics;

import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.coopmetrics.config.Grain;
import org.coopmetrics.normalize.SeizureRules;

/**
 * {@code dyad_sector_period}: per unordered pair, sector and period, zero-filled from the pair-sector's first
 * activity to the as-of period. Agreements in force and pending are running sums of the lifecycle deltas.
 *
 * <p>All grains come from one pass over the facts, grouped by pair and sector and sorted by date
 * ({@link PeriodRows}): a grain per aggregation, window and explode made this the longest report to compute.
 * Spark sums and rounds the final columns from the pass's exact sums, as it always did.
 */
public final class DyadSectorPeriod {
    static final String[] KEYS = {"country_a", "country_b", "sector"};
    /** With more sectors than this the facts are sorted on their strings: {@link #order} has room for 127. */
    static final int MAX_ORDERED_SECTORS = 127;
    private static final long CODES = 36L * 36 * 36;
    private static final String ORDER = "_order";

    private DyadSectorPeriod() {
    }

    /**
     * @param sectors the sector ids of sectors.csv (repeats allowed), every fact's sector among them: with at most
     *                {@link #MAX_ORDERED_SECTORS} of them, the facts are sorted on one number ({@link #order})
     */
    public static Dataset<Row> compute(Dataset<Row> facts, Collection<String> sectors, List<Grain> grains,
                                       LocalDate asOf) {
        List<Column> in = new ArrayList<>(List.of(col(KEYS[0]), col(KEYS[1]), col(KEYS[2]),
                unix_date(col("date")).as(PeriodRows.DAY), col("speaker")));
        Facts.MEASURES.keySet().forEach(m -> in.add(col(m)));
        in.add(col("weight"));
        // As many tasks as shuffle partitions, not fewer: this is the longest report, and the cores should share it
        // evenly (AQE would merge partitions it finds small).
        int tasks = Integer.parseInt(facts.sparkSession().conf().get("spark.sql.shuffle.partitions"));
        // A seizure without a partner is a fact of one country: evidence lists it, this report has no pair for it.
        Dataset<Row> shuffled = facts.filter(col(KEYS[1]).isNotNull()).select(in.toArray(Column[]::new))
                .repartition(tasks, col(KEYS[0]), col(KEYS[1]), col(KEYS[2]));
        SortedSet<String> ids = new TreeSet<>(sectors);
        Dataset<Row> sorted = ids.size() <= MAX_ORDERED_SECTORS
                ? shuffled.withColumn(ORDER, order(ids)).sortWithinPartitions(ORDER).drop(ORDER)
                : shuffled.sortWithinPartitions(KEYS[0], KEYS[1], KEYS[2], PeriodRows.DAY);
        Dataset<Row> periods = sorted.mapPartitions(new PeriodRows(grains, asOf),
                Encoders.row(PeriodRows.schema()));

        Column score = col(PeriodRows.SCORE);
        List<Column> out = new ArrayList<>(List.of(col("country_a"), col("country_b"), col("sector"),
                date_from_unix_date(col("period_start")).as("period_start"),
                date_from_unix_date(col("period_end")).as("period_end")));
        for (String c : List.of("statements", "statements_a_to_b", "statements_b_to_a", "statement_sources",
                "speakers", "agreements_announced", "agreements_signed", "agreements_entered_into_force",
                "agreements_ended", "agreements_in_force", "agreements_pending", "seizure_events")) {
            out.add(col(c));
        }
        out.add(col("seizure_kg").cast(SeizureRules.KG).cast(DataTypes.DoubleType).as("seizure_kg"));
        out.add(col("seizure_count_units").cast(SeizureRules.KG).cast(DataTypes.DoubleType)
                .as("seizure_count_units"));
        out.add(col("seizure_value_usd").cast(SeizureRules.USD).as("seizure_value_usd"));
        out.add(col("reported_totals"));
        out.add(col("reported_total_value_usd").cast(SeizureRules.USD).as("reported_total_value_usd"));
        out.add(score.cast(DataTypes.DoubleType).as("cooperation_score"));
        out.add(when(col(PeriodRows.WEIGHTED).gt(0), score.divide(col(PeriodRows.WEIGHTED))
                .cast(DataTypes.DoubleType)).as("goldstein_mean"));
        Facts.EVENT_COUNTS.forEach(c -> out.add(col(c)));
        out.add(col("event_goldstein_sum").cast(DataTypes.DoubleType).as("event_goldstein_sum"));
        out.add(when(col("events").gt(0), col("event_tone_sum").divide(col("events")).cast(DataTypes.DoubleType))
                .as("event_tone_mean"));
        out.add(col("grain"));
        out.add(col("year"));
        return periods.select(out.toArray(Column[]::new));
    }

    /**
     * The pair, sector and day in one long that keeps each pair-sector's facts together, in the order of their
     * days (as sorting on country_a, country_b, sector and day would): the three-letter codes as base-36 numbers
     * (below 36^3), the sector's place among the sorted sector ids (1 to 127), the day plus 2^23 (any date from
     * year 1 to 9999).
     * Spark sorts a single long by its bits (a radix sort), not by comparing rows: sorting the facts by their
     * strings was most of this report's time (docs/performance.md).
     */
    static Column order(SortedSet<String> sectors) {
        Column sector = array_position(lit(sectors.toArray(String[]::new)), col(KEYS[2]));
        Column place = when(sector.equalTo(0), raise_error(concat(lit("internal error: the sector '"), col(KEYS[2]),
                lit("' of a fact is not in sectors.csv; please report this")))).otherwise(sector);
        Column pair = code(KEYS[0]).multiply(lit(CODES)).plus(code(KEYS[1]));
        return pair.multiply(lit(MAX_ORDERED_SECTORS + 1L)).plus(place).multiply(lit(1L << 24))
                .plus(col(PeriodRows.DAY).cast("long")).plus(lit(1L << 23));
    }

    /** A country's three letters (ISO alpha-3, as ReferenceData checks) as a number below {@link #CODES}. */
    private static Column code(String country) {
        return conv(col(country), 36, 10).cast("long");
    }

    /** The type of Spark's sum over a column of this type, so that the pass's sums round as Spark's did. */
    static DataType sumType(DataType t) {
        if (t instanceof DecimalType d) {
            return DataTypes.createDecimalType(Math.min(38, d.precision() + 10), d.scale());
        }
        return DataTypes.LongType;
    }
}
