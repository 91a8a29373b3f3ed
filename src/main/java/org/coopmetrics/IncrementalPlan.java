package org.coopmetrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.year;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.coopmetrics.config.Grain;
import org.coopmetrics.config.JobConfig;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.metrics.Periods;
import org.coopmetrics.report.Manifest;
import org.coopmetrics.report.ReportStore;

/**
 * Which report partitions a run must rewrite, given the last succeeded run. A record is touched when any of
 * its versions was recorded after that run's watermark (so a revision re-opens the periods of its old
 * version too), or when its date lies between the two runs' as-of dates. {@code country_seizure_period}
 * rewrites the (grain, year) partitions of touched seizures; {@code dyad_sector_period} carries state from
 * period to period (agreements in force, zero-filling), so it rewrites every year from the first touched one
 * to the as-of year. The small reports are rewritten whole.
 */
public record IncrementalPlan(Map<String, List<String>> partitions, String previousRun) {

    /** A plan, or empty with the reason written to {@code why} when only a full run is sound. */
    @SuppressWarnings("unchecked")
    public static Optional<IncrementalPlan> plan(FileSystem fs, Path root, JobConfig config,
                                                 List<CoopMetricsJob.Ingested> datasets,
                                                 Map<String, String> reference, List<String> why) throws IOException {
        Path manifestPath = new Path(root, ReportStore.MANIFEST);
        if (!fs.exists(manifestPath)) {
            why.add("no published run yet");
            return Optional.empty();
        }
        Map<String, Object> previous = Manifest.read(fs, manifestPath);
        Map<String, Object> prevConfig = (Map<String, Object>) previous.get("config");
        List<String> grains = config.grains().stream().map(Grain::id).toList();
        if (!"succeeded".equals(previous.get("status"))) {
            why.add("the published manifest is not of a succeeded run");
        } else if (prevConfig == null || !grains.equals(prevConfig.get("grains"))) {
            why.add("the grains differ from the published run's");
        } else if (!Objects.equals(reference, previous.get("reference"))) {
            why.add("the reference tables differ from the published run's");
        } else if (!Objects.equals(Version.get(), previous.get("app_version"))) {
            why.add("the published run was made by another version");
        }
        Map<String, Object> prevDatasets = (Map<String, Object>) previous.get("datasets");
        for (CoopMetricsJob.Ingested d : datasets) {
            Object m = prevDatasets == null ? null : prevDatasets.get(d.spec().id());
            if (!(m instanceof Map) || !((Map<String, Object>) m).containsKey("watermark")) {
                why.add("the published manifest has no watermark for " + d.spec().id());
            }
        }
        if (!why.isEmpty()) {
            return Optional.empty();
        }

        LocalDate prevAsOf = LocalDate.parse((String) previous.get("as_of"));
        LocalDate lo = prevAsOf.isBefore(config.asOf()) ? prevAsOf : config.asOf();
        LocalDate hi = prevAsOf.isBefore(config.asOf()) ? config.asOf() : prevAsOf;
        Dataset<Row> touchedDates = null;
        Dataset<Row> touchedSeizureDates = null;
        for (CoopMetricsJob.Ingested d : datasets) {
            String mark = (String) ((Map<String, Object>) prevDatasets.get(d.spec().id())).get("watermark");
            Dataset<Row> dates = touched(d, mark, lo, hi);
            touchedDates = touchedDates == null ? dates : touchedDates.unionByName(dates);
            if (d.spec() == DatasetSpec.SEIZURES) {
                touchedSeizureDates = dates;
            }
        }

        Map<String, List<String>> partitions = new TreeMap<>();
        List<String> dyad = new ArrayList<>();
        List<String> seizures = new ArrayList<>();
        Column upToHi = col("date").leq(lit(hi.toString()).cast("date"));
        touchedDates = touchedDates.filter(upToHi);
        touchedSeizureDates = touchedSeizureDates.filter(upToHi);
        boolean asOfMoved = !prevAsOf.equals(config.asOf());
        for (Grain g : config.grains()) {
            Row first = touchedDates.agg(min(year(Periods.start(g, col("date"))))).first(); // small: one row
            int asOfYear = Periods.yearOf(g, config.asOf());
            Integer from = first.isNullAt(0) ? null : first.getInt(0);
            if (asOfMoved) {
                int prevYear = Periods.yearOf(g, lo);
                from = from == null ? prevYear : Math.min(from, prevYear);
            }
            if (from != null) {
                int last = Math.max(asOfYear, Periods.yearOf(g, hi));
                for (int y = from; y <= last; y++) {
                    dyad.add("grain=" + g.id() + "/year=" + y);
                }
            }
            Dataset<Row> years = touchedSeizureDates.select(year(Periods.start(g, col("date")))).distinct();
            for (Row r : years.collectAsList()) { // small: distinct years of the touched seizures
                if (!r.isNullAt(0)) {
                    seizures.add("grain=" + g.id() + "/year=" + r.getInt(0));
                }
            }
        }
        partitions.put("dyad_sector_period", dyad);
        partitions.put("country_seizure_period", new ArrayList<>(new TreeSet<>(seizures)));
        return Optional.of(new IncrementalPlan(partitions, (String) previous.get("run_id")));
    }

    /** The dates of every version of records touched since the watermark, and of rows dated between as-ofs. */
    private static Dataset<Row> touched(CoopMetricsJob.Ingested d, String watermark, LocalDate lo, LocalDate hi) {
        Dataset<Row> ledger = d.ledger();
        Column after = watermark == null ? col("recorded_at_ts").isNotNull()
                : col("recorded_at_ts").gt(lit(watermark).cast("timestamp"));
        Dataset<Row> ids = ledger.filter(after).select("record_id").distinct();
        Dataset<Row> versions = ledger.join(ids, ledger.col("record_id").equalTo(ids.col("record_id")), "left_semi");
        Dataset<Row> dates = datesOf(d.spec(), versions);
        Dataset<Row> between = datesOf(d.spec(), ledger)
                .filter(col("date").gt(lit(lo.toString()).cast("date"))
                        .and(col("date").leq(lit(hi.toString()).cast("date"))));
        return dates.unionByName(between);
    }

    private static Dataset<Row> datesOf(DatasetSpec spec, Dataset<Row> rows) {
        if (spec == DatasetSpec.AGREEMENTS) {
            return rows.select(explode(filter(org.apache.spark.sql.functions.array(
                    dateOrNull("announced_on"), dateOrNull("signed_on"), dateOrNull("in_force_on"),
                    dateOrNull("ended_on")), x -> x.isNotNull())).as("date"));
        }
        return rows.select(dateOrNull("date").as("date")).filter(col("date").isNotNull());
    }

    /** Normalised rows carry dates; quarantined ones may hold text that is no date. */
    private static Column dateOrNull(String field) {
        return col(field).cast("string").try_cast("date");
    }
}
