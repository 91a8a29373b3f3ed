package org.coopmetrics.metrics;

import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.ascii;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
 *
 * <p>The facts are shuffled and sorted narrow ({@link FactSlots}): the pair and sector as one number, the day, and
 * each fact's own measures in a few columns its dataset shares with the others, instead of three strings and every
 * measure (most of them null). The sort is this report's largest cost, and it grows with the bytes of a row.
 */
public final class DyadSectorPeriod {
    static final String[] KEYS = {"country_a", "country_b", "sector"};
    /** With more sectors than this the facts are sorted on two numbers: {@link #order} has room for 1,000. */
    static final int MAX_ORDERED_SECTORS = 1000;
    /** The three-letter codes of a country, as numbers (base 26), are below this. */
    static final long CODES = 26L * 26 * 26;
    private static final String ORDER = "_order";

    private DyadSectorPeriod() {
    }

    /**
     * @param sectors the sector ids of sectors.csv (repeats allowed), every fact's sector among them: with at most
     *                {@link #MAX_ORDERED_SECTORS} of them, the facts are sorted on one number ({@link #order})
     */
    public static Dataset<Row> compute(Dataset<Row> facts, Collection<String> sectors, List<Grain> grains,
                                       LocalDate asOf) {
        String[] ids = new TreeSet<>(sectors).toArray(String[]::new);
        List<Column> in = new ArrayList<>(List.of(pairSector(ids).as(PeriodRows.KEY),
                unix_date(col("date")).as(PeriodRows.DAY), col("speaker")));
        in.addAll(FactSlots.columns());
        in.add(col("weight"));
        // Four tasks a core at least: this is the longest report's last stage, and with more tasks than cores they
        // share it evenly and each sorts less (10M rows: 39.9 task s against 72.3 with 4 tasks); a report folder may
        // hold as many files. An explicit count, not left to AQE, which would merge partitions it finds small.
        SparkSession spark = facts.sparkSession();
        int tasks = Math.max(Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")),
                4 * spark.sparkContext().defaultParallelism());
        // A seizure without a partner is a fact of one country: evidence lists it, this report has no pair for it.
        Dataset<Row> shuffled = facts.filter(col(KEYS[1]).isNotNull()).select(in.toArray(Column[]::new))
                .repartition(tasks, col(PeriodRows.KEY));
        Dataset<Row> sorted = ids.length <= MAX_ORDERED_SECTORS
                ? shuffled.withColumn(ORDER, order()).sortWithinPartitions(ORDER).drop(ORDER)
                : shuffled.sortWithinPartitions(PeriodRows.KEY, PeriodRows.DAY);
        Dataset<Row> periods = sorted.mapPartitions(new PeriodRows(grains, asOf, ids),
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
     * The pair and sector as one number: the pair's two codes ({@link #code}) as a base-{@link #CODES} number,
     * times the number of sector ids plus one, plus the sector's place among the sorted ids (1 and up). In the
     * order of the strings, as {@link PeriodRows} reads them back ({@link PeriodRows#country}).
     */
    static Column pairSector(String[] sectors) {
        Column sector = array_position(lit(sectors), col(KEYS[2]));
        Column place = when(sector.equalTo(0), raise_error(concat(lit("internal error: the sector '"), col(KEYS[2]),
                lit("' of a fact is not in sectors.csv; please report this")))).otherwise(sector);
        Column pair = code(KEYS[0]).multiply(lit(CODES)).plus(code(KEYS[1]));
        return pair.multiply(lit(sectorBase(sectors))).plus(place);
    }

    /** The base the sector's place is added in ({@link #pairSector}): the sector ids plus one, as places start at 1. */
    static long sectorBase(String[] sectors) {
        return sectors.length + 1L;
    }

    /**
     * The pair-sector and day in one long that keeps each pair-sector's facts together, in the order of their
     * days: the pair-sector (below 26^6 x 1,001) times 2^24, plus the day plus 2^23 (any date from year 1 to
     * 9999). Spark sorts a single long by its bits (a radix sort), not by comparing rows: sorting the facts by
     * their strings was most of this report's time (docs/performance.md).
     */
    static Column order() {
        return col(PeriodRows.KEY).multiply(lit(1L << 24)).plus(col(PeriodRows.DAY).cast("long"))
                .plus(lit(1L << 23));
    }

    /**
     * A country's three letters (A to Z: ISO alpha-3, as ReferenceData checks) as a number below {@link #CODES}, in
     * their alphabetical order. Arithmetic on the letters' code points: Spark's conv() parsed and printed a string
     * per row, a sixth of this report's last stage at 10M rows (docs/performance.md).
     */
    private static Column code(String country) {
        Column c = col(country);
        return ascii(c).minus(65).multiply(26 * 26).plus(ascii(substring(c, 2, 1)).minus(65).multiply(26))
                .plus(ascii(substring(c, 3, 1)).minus(65)).cast("long");
    }

    /** The type of Spark's sum over a column of this type, so that the pass's sums round as Spark's did. */
    static DataType sumType(DataType t) {
        if (t instanceof DecimalType d) {
            return DataTypes.createDecimalType(Math.min(38, d.precision() + 10), d.scale());
        }
        return DataTypes.LongType;
    }
}
