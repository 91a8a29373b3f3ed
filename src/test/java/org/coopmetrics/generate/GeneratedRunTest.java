package org.coopmetrics.generate;

import static org.coopmetrics.SparkTestSupport.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.coopmetrics.cli.CoopMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated input set through the real job (command line, shared SparkSession): the manifest reports
 * exactly what {@code _generator.json} promises. The set spoils 15% of its records (not the default 0.5%),
 * so that a few thousand rows carry every quarantine reason; the gate is opened accordingly.
 */
class GeneratedRunTest {
    static final List<String> DATASETS = List.of("statements", "agreements", "seizures");

    @TempDir
    static Path tmp;
    static JsonNode generated;
    static JsonNode manifest;
    static Path out;

    @BeforeAll
    static void generateAndRun() throws Exception {
        Path in = tmp.resolve("in");
        out = tmp.resolve("out");
        Generator.generate(new Generator.Settings(in.toString(), 3000, 5, 3, 0, false, 0.15, 0.03),
                new Configuration());
        generated = new ObjectMapper().readTree(in.resolve(Generator.DESCRIPTION).toFile());
        spark();
        int code = CoopMetrics.execute("run", "--input", in.toString(), "--output", out.toString(),
                "--reference-dir", in.resolve(Generator.REFERENCE).toString(), "--as-of", Generator.AS_OF,
                "--grain", "year", "--max-quarantine-ratio", "1");
        assertEquals(0, code, "exit code");
        manifest = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
    }

    @Test
    void manifestMatchesTheGeneratorsCounts() {
        for (String d : DATASETS) {
            JsonNode expected = generated.at("/datasets/" + d + "/expected");
            JsonNode actual = manifest.at("/datasets/" + d);
            for (String key : List.of("read", "accepted", "quarantined", "superseded", "after_as_of")) {
                assertEquals(expected.get(key).asLong(), actual.get(key).asLong(), d + " " + key);
            }
            assertEquals(expected.get("quarantined_by_reason"), actual.get("quarantined_by_reason"), d + " reasons");
            assertEquals(actual.get("read").asLong(), actual.get("accepted").asLong() + actual.get("quarantined").asLong()
                    + actual.get("superseded").asLong() + actual.get("after_as_of").asLong(), d + " identity");
            assertTrue(actual.get("superseded").asLong() > 0, d + " has revisions");
            assertEquals(3, actual.get("files").asLong(), d + " files");
        }
        assertEquals(manifest.at("/config/reference_dir").asText(), tmp.resolve("in/reference").toString());
    }

    @Test
    void datasetSharesAreAboutRight() {
        double total = 0;
        for (String d : DATASETS) {
            total += manifest.at("/datasets/" + d + "/read").asLong();
        }
        assertEquals(3000, total);
        assertEquals(0.45, manifest.at("/datasets/statements/read").asLong() / total, 0.01);
        assertEquals(0.05, manifest.at("/datasets/agreements/read").asLong() / total, 0.01);
        assertEquals(0.50, manifest.at("/datasets/seizures/read").asLong() / total, 0.01);
    }

    @Test
    void everyQuarantineReasonOccursInBothFormats() {
        Set<String> reasons = new TreeSet<>();
        for (String d : DATASETS) {
            manifest.at("/datasets/" + d + "/quarantined_by_reason").fieldNames().forEachRemaining(reasons::add);
        }
        assertEquals(Set.of("malformed_record", "missing_field", "invalid_date", "invalid_number", "unknown_country",
                "same_country", "unknown_sector", "unknown_enum", "unknown_drug", "unknown_unit", "unknown_currency",
                "no_fx_rate", "negative_amount", "missing_measure", "inconsistent_lifecycle", "too_few_parties",
                "ambiguous_revision", "invalid_source"), reasons, "the contract's 18 reasons");
        Dataset<Row> quarantine = spark().read().parquet(out.resolve("quarantine").toString());
        assertEquals(2, quarantine.selectExpr("regexp_extract(source_file, '[.](csv|jsonl)$', 1) as f")
                .distinct().count(), "spoilt rows in CSV and JSON Lines files");
    }

    /** Accepted seizures reach the reports in kg, count units and USD (the generated FX table is used). */
    @Test
    void seizuresConvert() {
        Row sums = spark().read().parquet(out.resolve("country_seizure_period").toString())
                .selectExpr("sum(events)", "sum(kg)", "sum(count_units)", "sum(value_usd)", "sum(reported_totals)",
                        "min(period_start)", "max(period_start)")
                .first();
        assertTrue(sums.getLong(0) > 1000, "events " + sums.getLong(0));
        assertTrue(sums.getDouble(1) > 0 && sums.getDouble(2) > 0, "kg and count units");
        assertTrue(((java.math.BigDecimal) sums.get(3)).signum() > 0, "USD");
        assertTrue(sums.getLong(4) > 0, "period totals");
        assertEquals("2018-01-01", sums.get(5).toString());
        assertEquals("2025-01-01", sums.get(6).toString());
    }
}
