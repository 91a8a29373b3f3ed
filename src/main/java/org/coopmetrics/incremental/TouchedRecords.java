package org.coopmetrics.incremental;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.year;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.coopmetrics.config.Grain;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.Ingested;
import org.coopmetrics.ingest.Ledger;
import org.coopmetrics.metrics.Periods;

/** The Spark queries behind {@link Touched}: the dates of the records touched since the published run. */
public final class TouchedRecords {
    private TouchedRecords() {
    }

    /**
     * @param watermarks per dataset, the published run's latest {@code recorded_at} (null: none was seen)
     * @param lo rows dated after this and up to {@code hi} are touched, whenever recorded
     * @param hi dates after this are in no report
     */
    public static Touched gather(List<Ingested> datasets, Map<String, String> watermarks, LocalDate lo,
                                 LocalDate hi, List<Grain> grains) {
        Column upToHi = col("date").leq(lit(hi.toString()).cast("date"));
        Dataset<Row> all = null;
        Dataset<Row> seizures = null;
        for (Ingested d : datasets) {
            Dataset<Row> dates = touched(d, watermarks.get(d.spec().id()), lo, hi).filter(upToHi);
            all = all == null ? dates : all.unionByName(dates);
            if (d.spec() == DatasetSpec.SEIZURES) {
                seizures = dates;
            }
        }
        Row first = all.agg(min("date")).first(); // small: one row
        LocalDate earliest = first.isNullAt(0) ? null : first.getDate(0).toLocalDate();
        Map<Grain, SortedSet<Integer>> seizureYears = new EnumMap<>(Grain.class);
        for (Grain g : grains) {
            SortedSet<Integer> years = new TreeSet<>();
            if (seizures != null) {
                for (Row r : seizures.select(year(Periods.start(g, col("date")))).distinct().collectAsList()) {
                    if (!r.isNullAt(0)) { // small: distinct years of the touched seizures
                        years.add(r.getInt(0));
                    }
                }
            }
            seizureYears.put(g, years);
        }
        return new Touched(earliest, seizureYears);
    }

    /**
     * The dates of every version of records touched since the watermark, and of rows dated between as-ofs. An event
     * is also left out by a {@code DATEADDED} after the as-of date, so events added between the as-of dates are
     * touched as well, whatever their {@code SQLDATE}.
     */
    private static Dataset<Row> touched(Ingested d, String watermark, LocalDate lo, LocalDate hi) {
        Dataset<Row> ledger = d.ledger();
        String recordedAt = Ledger.recordedAt(d.spec());
        Column after = watermark == null ? col(recordedAt).isNotNull()
                : col(recordedAt).gt(lit(watermark).cast("timestamp"));
        Dataset<Row> ids = ledger.filter(after).select("record_id").distinct();
        Dataset<Row> versions = ledger.join(ids, ledger.col("record_id").equalTo(ids.col("record_id")), "left_semi");
        Column loDate = lit(lo.toString()).cast("date");
        Column hiDate = lit(hi.toString()).cast("date");
        Dataset<Row> between = datesOf(d.spec(), ledger)
                .filter(col("date").gt(loDate).and(col("date").leq(hiDate)));
        if (d.spec() == DatasetSpec.EVENTS) {
            Column added = to_date(col(recordedAt));
            between = between.unionByName(datesOf(d.spec(), ledger.filter(added.gt(loDate).and(added.leq(hiDate)))));
        }
        return datesOf(d.spec(), versions).unionByName(between);
    }

    private static Dataset<Row> datesOf(DatasetSpec spec, Dataset<Row> rows) {
        if (spec == DatasetSpec.AGREEMENTS) {
            return rows.select(explode(filter(array(dateOrNull("announced_on"), dateOrNull("signed_on"),
                    dateOrNull("in_force_on"), dateOrNull("ended_on")), x -> x.isNotNull())).as("date"));
        }
        return rows.select(dateOrNull("date").as("date")).filter(col("date").isNotNull());
    }

    /** Normalised rows carry dates; quarantined ones may hold text that is no date. */
    private static Column dateOrNull(String field) {
        return col(field).cast("string").try_cast("date");
    }
}
