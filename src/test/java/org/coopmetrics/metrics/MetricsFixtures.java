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
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.coopmetrics.SparkTestSupport;
import org.coopmetrics.normalize.ReferenceData;
import org.coopmetrics.normalize.SeizureRules;

/**
 * Accepted (normalised) rows for the metrics tests, shaped like the output of Statements/Agreements/Seizures
 * .normalise: canonical alpha-3 countries, sorted distinct sector and party lists, typed dates, {@code kg} and
 * {@code count_units} as decimal(38,9), {@code value_usd} as decimal(20,2), {@code record_id} and distinct
 * {@code sources}. Only the columns the metrics read (plus the curated id) are present.
 */
final class MetricsFixtures {
    static final LocalDate AS_OF = LocalDate.parse("2025-12-31");

    private static final ArrayType TEXTS = DataTypes.createArrayType(DataTypes.StringType);

    static final StructType STATEMENTS = new StructType()
            .add("record_id", DataTypes.StringType)
            .add("statement_id", DataTypes.StringType)
            .add("date", DataTypes.DateType)
            .add("speaker", DataTypes.StringType)
            .add("speaker_key", DataTypes.StringType)
            .add("speaker_country", DataTypes.StringType)
            .add("counterpart_country", DataTypes.StringType)
            .add("sectors", TEXTS)
            .add("kind", DataTypes.StringType)
            .add("sources", TEXTS);

    static final StructType AGREEMENTS = new StructType()
            .add("record_id", DataTypes.StringType)
            .add("agreement_id", DataTypes.StringType)
            .add("type", DataTypes.StringType)
            .add("title", DataTypes.StringType)
            .add("parties", TEXTS)
            .add("sectors", TEXTS)
            .add("announced_on", DataTypes.DateType)
            .add("signed_on", DataTypes.DateType)
            .add("in_force_on", DataTypes.DateType)
            .add("ended_on", DataTypes.DateType)
            .add("sources", TEXTS);

    static final StructType SEIZURES = new StructType()
            .add("record_id", DataTypes.StringType)
            .add("seizure_id", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("date", DataTypes.DateType)
            .add("period_start", DataTypes.DateType)
            .add("reporting_country", DataTypes.StringType)
            .add("partner_country", DataTypes.StringType)
            .add("partner_role", DataTypes.StringType)
            .add("sector", DataTypes.StringType)
            .add("drug", DataTypes.StringType)
            .add("kg", SeizureRules.KG)
            .add("count_units", SeizureRules.KG)
            .add("value_usd", SeizureRules.USD)
            .add("sources", TEXTS);

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
        return RowFactory.create(id, id, day(date), speaker, key, speakerCountry, counterpartCountry, sectors, kind,
                sources);
    }

    static Row agreement(String id, String type, String title, List<String> parties, List<String> sectors,
                         String announced, String signed, String inForce, String ended, List<String> sources) {
        return RowFactory.create(id, id, type, title, parties, sectors, day(announced), day(signed), day(inForce),
                day(ended), sources);
    }

    static Row seizure(String id, String kind, String date, String periodStart, String reporting, String partner,
                       String role, String sector, String drug, String kg, String countUnits, String valueUsd,
                       List<String> sources) {
        return RowFactory.create(id, id, kind, day(date), day(periodStart), reporting, partner, role, sector, drug,
                decimal(kg, 9), decimal(countUnits, 9), decimal(valueUsd, 2), sources);
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
