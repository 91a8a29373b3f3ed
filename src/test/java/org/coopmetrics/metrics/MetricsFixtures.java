package org.coopmetrics.metrics;

import static org.coopmetrics.SparkTestSupport.spark;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.coopmetrics.SparkTestSupport;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.Ledger;
import org.coopmetrics.normalize.Normalise;
import org.coopmetrics.normalize.ReferenceData;

/**
 * Accepted rows of the four ledgers for the metrics tests, in the ledgers' own schemas as the job declares them
 * ({@link Normalise#schema}): canonical alpha-3 countries, sorted distinct sector and party lists, typed dates,
 * {@code kg} and {@code count_units} as decimal(38,9), {@code value_usd} as decimal(20,2), {@code record_id} and
 * distinct {@code sources}. Columns the metrics do not read are left null.
 */
final class MetricsFixtures {
    static final LocalDate AS_OF = LocalDate.parse("2025-12-31");

    static final StructType STATEMENTS = Normalise.schema(DatasetSpec.STATEMENTS);
    static final StructType AGREEMENTS = Normalise.schema(DatasetSpec.AGREEMENTS);
    static final StructType SEIZURES = Normalise.schema(DatasetSpec.SEIZURES);
    static final StructType EVENTS = Normalise.schema(DatasetSpec.EVENTS);

    static {
        // The shared session sets the JVM default time zone to UTC: do that before any java.sql.Date is made here,
        // or a date made in another zone would shift by a day when Spark converts it.
        spark();
    }

    private MetricsFixtures() {
    }

    static ReferenceData reference() {
        return ReferenceData.load(null, spark().sparkContext().hadoopConfiguration());
    }

    /** An accepted statement; speaker_key as the normaliser makes it (trimmed, spaces collapsed, lower case). */
    static Row statement(String id, String date, String speaker, String speakerCountry, String counterpartCountry,
                         String kind, List<String> sectors, List<String> sources) {
        String key = speaker.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return accepted(DatasetSpec.STATEMENTS, STATEMENTS, id, "statement_id", id, "date", day(date),
                "speaker_key", key, "speaker_country", speakerCountry, "counterpart_country", counterpartCountry,
                "sectors", sectors, "kind", kind, "sources", sources);
    }

    static Row agreement(String id, String type, String title, List<String> parties, List<String> sectors,
                         String announced, String signed, String inForce, String ended, List<String> sources) {
        return accepted(DatasetSpec.AGREEMENTS, AGREEMENTS, id, "agreement_id", id, "type", type, "title", title,
                "parties", parties, "sectors", sectors, "announced_on", day(announced), "signed_on", day(signed),
                "in_force_on", day(inForce), "ended_on", day(ended), "sources", sources);
    }

    static Row seizure(String id, String kind, String date, String periodStart, String reporting, String partner,
                       String role, String sector, String drug, String kg, String countUnits, String valueUsd,
                       List<String> sources) {
        return accepted(DatasetSpec.SEIZURES, SEIZURES, id, "seizure_id", id, "kind", kind, "date", day(date),
                "period_start", day(periodStart), "reporting_country", reporting, "partner_country", partner,
                "partner_role", role, "sector", sector, "drug", drug, "kg", decimal(kg, 9),
                "count_units", decimal(countUnits, 9), "value_usd", decimal(valueUsd, 2), "sources", sources);
    }

    /**
     * An accepted GDELT event between the actors' countries (alpha-3, Actor1 first) in the given sectors;
     * counts as longs, Goldstein and tone as doubles.
     */
    static Row event(String id, String date, String actor1, String actor2, List<String> sectors, double goldstein,
                     long mentions, long sources, long articles, double tone, String url) {
        return accepted(DatasetSpec.EVENTS, EVENTS, id, "event_id", Long.parseLong(id), "date", day(date),
                "actor1_country", actor1, "actor2_country", actor2, "sectors", sectors, "goldstein", goldstein,
                "num_mentions", mentions, "num_sources", sources, "num_articles", articles, "avg_tone", tone,
                "source_url", url);
    }

    /** An accepted ledger row of the schema with the given columns (name, value, name, value...); others null. */
    private static Row accepted(DatasetSpec spec, StructType schema, String id, Object... columns) {
        Object[] values = new Object[schema.size()];
        values[schema.fieldIndex("dataset")] = spec.id();
        values[schema.fieldIndex("source_file")] = "fixture";
        values[schema.fieldIndex("record_id")] = id;
        values[schema.fieldIndex(Ledger.STATUS)] = Ledger.ACCEPTED;
        for (int i = 0; i < columns.length; i += 2) {
            values[schema.fieldIndex((String) columns[i])] = columns[i + 1];
        }
        return RowFactory.create(values);
    }

    static Dataset<Row> frame(StructType schema, Row... rows) {
        return spark().createDataFrame(Arrays.asList(rows), schema);
    }

    static Date day(String iso) {
        return iso == null ? null : Date.valueOf(LocalDate.parse(iso));
    }

    static BigDecimal decimal(String text, int scale) {
        return text == null ? null : new BigDecimal(text).setScale(scale);
    }

    /** Rows whose column, as text, equals the value ("null" for null). */
    static Predicate<Row> is(String column, String value) {
        return r -> String.valueOf((Object) r.getAs(column)).equals(value);
    }

    /** The given columns of the matching rows, '|'-joined as SparkTestSupport.line writes them, sorted. */
    static List<String> project(List<Row> rows, Predicate<Row> which, String... columns) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            if (which.test(r)) {
                Object[] cells = new Object[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    cells[i] = r.get(r.fieldIndex(columns[i]));
                }
                out.add(SparkTestSupport.line(RowFactory.create(cells)));
            }
        }
        out.sort(null);
        return out;
    }

    /** Joins the parts of an expected line with '|'. */
    static String row(String... parts) {
        return String.join("|", parts);
    }

    /** Asserts the lines, in any order; shows missing and extra lines on failure. */
    static void assertLines(List<String> actual, String... expected) {
        List<String> missing = new ArrayList<>(Arrays.asList(expected));
        actual.forEach(missing::remove);
        List<String> extra = new ArrayList<>(actual);
        Arrays.asList(expected).forEach(extra::remove);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            fail("rows differ\n  missing: " + missing + "\n  extra:   " + extra);
        }
    }
}
