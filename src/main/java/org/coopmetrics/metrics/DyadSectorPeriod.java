package org.coopmetrics.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.coopmetrics.config.Grain;
import org.coopmetrics.normalize.SeizureRules;

/**
 * {@code dyad_sector_period}: per unordered pair, sector and period, zero-filled from the pair-sector's first
 * activity to the as-of period. Agreements in force and pending are running sums of the lifecycle deltas.
 */
public final class DyadSectorPeriod {
    static final String[] KEYS = {"country_a", "country_b", "sector"};

    private DyadSectorPeriod() {
    }

    public static Dataset<Row> compute(Dataset<Row> facts, List<Grain> grains, LocalDate asOf) {
        Dataset<Row> all = null;
        for (Grain g : grains) {
            Dataset<Row> one = forGrain(facts, g, asOf);
            all = all == null ? one : all.unionByName(one);
        }
        return all;
    }

    static Dataset<Row> forGrain(Dataset<Row> facts, Grain grain, LocalDate asOf) {
        List<Column> sums = new ArrayList<>();
        Facts.MEASURES.forEach((name, type) -> sums.add(sum(col(name)).as(name)));
        sums.add(count_distinct(col("speaker")).as("speakers"));
        sums.add(sum(col("weight")).as("score"));
        sums.add(count(col("weight")).as("weighted"));
        Dataset<Row> active = facts
                .withColumn("period_start", Periods.start(grain, col("date")))
                .groupBy(col("country_a"), col("country_b"), col("sector"), col("period_start"))
                .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));

        // Each active period stands for itself and the empty periods up to the next active one (or up to the
        // as-of period): one window over the active rows zero-fills the calendar, with no join and no shuffle
        // beyond the pair-sector's (the facts come partitioned by it). Running sums over the active rows give
        // agreements in force and pending, which hold through the empty periods after them.
        WindowSpec byPairSector = Window.partitionBy(KEYS[0], KEYS[1], KEYS[2]).orderBy("period_start");
        WindowSpec upToPeriod = byPairSector.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Dataset<Row> spans = active
                .withColumn("_next", lead(col("period_start"), 1).over(byPairSector))
                .withColumn("agreements_in_force", sum(coalesce(col("in_force_delta"), lit(0L))).over(upToPeriod))
                .withColumn("agreements_pending", sum(coalesce(col("pending_delta"), lit(0L))).over(upToPeriod))
                .withColumn("_periods", sequence(col("period_start"), coalesce(Periods.previous(grain,
                        col("_next")), Periods.start(grain, asOf)), expr(grain.step())));
        List<Column> exploded = new ArrayList<>();
        for (String c : spans.columns()) {
            if (!c.equals("period_start") && !c.equals("_periods") && !c.equals("_next")) {
                exploded.add(col(c));
            }
        }
        exploded.add(posexplode(col("_periods")).as(new String[] {"_pos", "period_start"}));
        Dataset<Row> filled = spans.select(exploded.toArray(Column[]::new));
        // Measures belong to the active period only (position 0); the filled periods after it are empty.
        List<String> carried = List.of(KEYS[0], KEYS[1], KEYS[2], "period_start", "agreements_in_force",
                "agreements_pending");
        List<Column> rowsCols = new ArrayList<>();
        for (String c : filled.columns()) {
            if (!c.equals("_pos")) {
                rowsCols.add(carried.contains(c) ? col(c) : when(col("_pos").equalTo(0), col(c)).as(c));
            }
        }
        Dataset<Row> rows = filled.select(rowsCols.toArray(Column[]::new));

        Column score = coalesce(col("score"), lit(BigDecimal.ZERO));
        List<Column> out = new ArrayList<>(List.of(col("country_a"), col("country_b"), col("sector"),
                col("period_start"), Periods.end(grain, col("period_start")).as("period_end")));
        for (String c : List.of("statements", "statements_a_to_b", "statements_b_to_a", "statement_sources")) {
            out.add(zero(c, DataTypes.LongType));
        }
        out.add(coalesce(col("speakers"), lit(0L)).as("speakers"));
        for (String c : List.of("agreements_announced", "agreements_signed", "agreements_entered_into_force",
                "agreements_ended")) {
            out.add(zero(c, DataTypes.LongType));
        }
        out.add(col("agreements_in_force"));
        out.add(col("agreements_pending"));
        out.add(zero("seizure_events", DataTypes.LongType));
        out.add(zero("seizure_kg", SeizureRules.KG).cast(DataTypes.DoubleType).as("seizure_kg"));
        out.add(zero("seizure_count_units", SeizureRules.KG).cast(DataTypes.DoubleType).as("seizure_count_units"));
        out.add(zero("seizure_value_usd", SeizureRules.USD));
        out.add(zero("reported_totals", DataTypes.LongType));
        out.add(zero("reported_total_value_usd", SeizureRules.USD));
        out.add(score.cast(DataTypes.DoubleType).as("cooperation_score"));
        out.add(when(col("weighted").gt(0), score.divide(col("weighted")).cast(DataTypes.DoubleType))
                .as("goldstein_mean"));
        out.add(lit(grain.id()).as("grain"));
        out.add(year(col("period_start")).as("year"));
        return rows.select(out.toArray(Column[]::new));
    }

    private static Column zero(String c, DataType type) {
        return coalesce(col(c), lit(0)).cast(type).as(c);
    }
}
