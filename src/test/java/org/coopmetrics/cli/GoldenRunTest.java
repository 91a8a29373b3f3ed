package org.coopmetrics.cli;

import static org.coopmetrics.SparkTestSupport.assertRows;
import static org.coopmetrics.SparkTestSupport.rows;
import static org.coopmetrics.SparkTestSupport.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled sample (data/curated) through the command line, as of 2025-12-31. The expected numbers are
 * worked out by hand in data/README.md ("Expected numbers").
 */
class GoldenRunTest {
    @TempDir
    static Path out;
    static JsonNode manifest;

    @BeforeAll
    static void runTheJob() throws Exception {
        spark(); // the job picks up the test JVM's session
        int code = CoopMetrics.execute("run", "--input", "data/curated", "--output", out.toString(),
                "--as-of", "2025-12-31");
        assertEquals(0, code, "exit code");
        manifest = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
    }

    static Dataset<Row> report(String name) {
        return spark().read().parquet(out.resolve(name).toString());
    }

    @Test
    void manifestAccountsForEveryRow() {
        assertEquals("succeeded", manifest.get("status").asText());
        assertEquals("2025-12-31", manifest.get("as_of").asText());
        // dataset: read, accepted, quarantined, superseded, after_as_of (data/README.md)
        long[][] expected = {{49, 43, 2, 3, 1}, {23, 21, 1, 1, 0}, {49, 47, 2, 0, 0}};
        String[] names = {"statements", "agreements", "seizures"};
        for (int i = 0; i < names.length; i++) {
            JsonNode d = manifest.get("datasets").get(names[i]);
            long[] e = expected[i];
            assertEquals(e[0], d.get("read").asLong(), names[i] + " read");
            assertEquals(e[1], d.get("accepted").asLong(), names[i] + " accepted");
            assertEquals(e[2], d.get("quarantined").asLong(), names[i] + " quarantined");
            assertEquals(e[3], d.get("superseded").asLong(), names[i] + " superseded");
            assertEquals(e[4], d.get("after_as_of").asLong(), names[i] + " after_as_of");
            assertEquals(d.get("read").asLong(), d.get("accepted").asLong() + d.get("quarantined").asLong()
                    + d.get("superseded").asLong() + d.get("after_as_of").asLong(), names[i] + " identity");
            // Only machine-coded events can be out of scope (contract section 6).
            assertEquals(0, d.get("out_of_scope").asLong(), names[i] + " out_of_scope");
            assertEquals(0, d.get("out_of_scope_by_reason").size(), names[i] + " out_of_scope_by_reason");
        }
        assertEquals(1, manifest.at("/datasets/statements/quarantined_by_reason/unknown_country").asLong());
        assertEquals(1, manifest.at("/datasets/statements/quarantined_by_reason/same_country").asLong());
        assertEquals(1, manifest.at("/datasets/agreements/quarantined_by_reason/inconsistent_lifecycle").asLong());
        assertEquals(1, manifest.at("/datasets/seizures/quarantined_by_reason/negative_amount").asLong());
        assertEquals(1, manifest.at("/datasets/seizures/quarantined_by_reason/no_fx_rate").asLong());
        for (String r : List.of("dyad_sector_period", "country_seizure_period", "agreement_status", "evidence",
                "quarantine")) {
            assertEquals(report(r).count(), manifest.at("/reports/" + r + "/rows").asLong(), r + " rows");
        }
        // 5 grains x 2007..2025: the curated rows are of 2024 and 2025, the earliest accepted event of 2007
        // (events_expected.py: accepted events by SQLDATE year 2007=2, 2016=3, 2017=290), and every pair-sector is
        // zero-filled to the as-of period.
        assertEquals(5 * 19, manifest.at("/reports/dyad_sector_period/partitions_written").asLong());
    }

    @Test
    void eventsOfTheRealSampleInTheBucketsTheIndependentScriptCounts() {
        // python3 data/events_expected.py
        JsonNode e = manifest.at("/datasets/events");
        assertEquals(6090, e.get("read").asLong());
        assertEquals(295, e.get("accepted").asLong());
        assertEquals(0, e.get("quarantined").asLong());
        assertEquals(262, e.get("superseded").asLong());
        assertEquals(0, e.get("after_as_of").asLong());
        assertEquals(5533, e.get("out_of_scope").asLong());
        assertEquals(3525, e.at("/out_of_scope_by_reason/not_cooperation").asLong());
        assertEquals(1827, e.at("/out_of_scope_by_reason/not_two_countries").asLong());
        assertEquals(181, e.at("/out_of_scope_by_reason/same_country").asLong());
        assertEquals(3, e.get("out_of_scope_by_reason").size(), "no few_mentions at events_min_mentions 1");
        assertEquals("2017-07-01T23:45:00Z", e.get("watermark").asText(), "the latest DATEADDED");
        assertEquals(3, e.get("files").asLong());
        assertEquals(0, report("quarantine").filter("dataset = 'events'").count());
    }

    @Test
    void eventColumnsAddUpToTheScriptsTotalsPerPairAndSector() {
        // Over all years of a pair-sector, the year rows add up to what events_expected.py prints for the five
        // pairs with the most accepted events: events, a_to_b, b_to_a, mentions, sources, articles, Goldstein sum.
        Dataset<Row> years = report("dyad_sector_period").filter("grain = 'year'")
                .groupBy("country_a", "country_b", "sector")
                .agg(functions.sum("events"), functions.sum("events_a_to_b"), functions.sum("events_b_to_a"),
                        functions.sum("event_mentions"), functions.sum("event_sources"),
                        functions.sum("event_articles"), functions.round(functions.sum("event_goldstein_sum"), 6),
                        functions.round(functions.sum(functions.expr("coalesce(event_tone_mean * events, 0)"))
                                .divide(functions.sum("events")), 9));
        assertRows(years.filter("country_b = 'USA' and country_a in ('CAN', 'CUB', 'DEU', 'FRA') "
                        + "or country_a = 'CHN' and country_b = 'PAK'"),
                "CAN|USA|diplomacy|9|5|4|31|9|31|29.3|0.163461731",
                "CHN|PAK|diplomacy|7|3|4|23|7|23|41.5|0.0",
                "CUB|USA|diplomacy|9|3|6|41|9|41|26.1|-0.916126478",
                "DEU|USA|diplomacy|13|8|5|31|13|31|37.6|-2.823347107",
                "FRA|USA|diplomacy|15|5|10|54|21|54|41.6|-0.943192074");
        // events by sector: diplomacy=294, military_cooperation=1
        assertRows(report("dyad_sector_period").filter("grain = 'month' and events > 0").groupBy("sector")
                .agg(functions.sum("events")), "diplomacy|294", "military_cooperation|1");
        // Events never reach the cooperation score: no row whose only activity is events has a score.
        assertEquals(0, report("dyad_sector_period").filter("statements = 0 and agreements_announced = 0 "
                + "and agreements_signed = 0 and agreements_entered_into_force = 0 and seizure_events = 0 "
                + "and cooperation_score <> 0").count());
    }

    @Test
    void everyAcceptedEventTracesToItsEvidenceRowAndSourceUrl() {
        Dataset<Row> evidence = report("evidence").filter("dataset = 'events'");
        // 295 accepted events, one sector each: one row each, with its SOURCEURL
        assertEquals(295, evidence.count());
        assertEquals(295, evidence.select("record_id").distinct().count());
        assertEquals(0, evidence.filter("source is null or not source like 'http%'").count());
        // Per pair, sector and year, the report's events are the evidence rows of that year.
        Dataset<Row> counted = report("dyad_sector_period").filter("grain = 'year' and events > 0")
                .select("country_a", "country_b", "sector", "year", "events");
        Dataset<Row> traced = evidence.groupBy(functions.col("country_a"), functions.col("country_b"),
                functions.col("sector"), functions.year(functions.col("date")).as("year")).count();
        assertEquals(rows(counted), rows(traced));
        // Followed by hand: the sample's one military cooperation (line 1302 of 20170601234500.export.CSV,
        // GLOBALEVENTID 661116149, SQLDATE 20170601, IRQ -> SYR, EventCode 062, 2 mentions) in its year row,
        // then in evidence with the SOURCEURL GDELT gave it.
        assertRows(report("dyad_sector_period").filter("grain = 'year' and sector = 'military_cooperation' "
                        + "and events > 0").select("country_a", "country_b", "period_start", "events",
                        "events_a_to_b", "event_mentions", "cooperation_score"),
                "IRQ|SYR|2017-01-01|1|1|2|0.0");
        assertRows(evidence.filter("record_id = '661116149'").select("country_a", "country_b", "sector", "date",
                "source"), "IRQ|SYR|military_cooperation|2017-06-01|"
                + "http://morningstaronline.co.uk/a-5842-Shiite-militias-victories-worry-US-and-Kurds");
    }

    @Test
    void bahrainPakistanSeptember2025() {
        Dataset<Row> month = report("dyad_sector_period")
                .filter("country_a = 'BHR' and country_b = 'PAK' and grain = 'month' and period_start = '2025-09-01'")
                .select("sector", "period_end", "statements", "statements_a_to_b", "statements_b_to_a",
                        "statement_sources", "speakers", "agreements_announced", "agreements_signed",
                        "agreements_in_force", "agreements_pending", "seizure_events", "reported_totals",
                        "cooperation_score", "goldstein_mean");
        // JWG in its six sectors, the DLO post in counter_narcotics, each MoU in its sector (5.2 each);
        // Naqvi intent 4.0 and praise 3.4 (PAK->BHR), Al Khalifa intent 4.0 (BHR->PAK) in the JWG sectors.
        assertRows(month,
                "border_security|2025-09-30|1|1|0|1|1|1|0|0|1|0|0|9.2|4.6",
                "coast_guard|2025-09-30|1|1|0|1|1|1|0|0|1|0|0|9.2|4.6",
                "counter_narcotics|2025-09-30|3|1|2|3|2|2|0|0|2|0|0|21.8|4.36",
                "counter_terrorism|2025-09-30|1|1|0|1|1|1|0|0|1|0|0|9.2|4.6",
                "extradition|2025-09-30|0|0|0|0|0|1|0|0|1|0|0|5.2|5.2",
                "immigration|2025-09-30|1|1|0|1|1|1|0|0|1|0|0|9.2|4.6",
                "mutual_legal_assistance|2025-09-30|0|0|0|0|0|1|0|0|1|0|0|5.2|5.2",
                "police_training|2025-09-30|1|1|0|1|1|2|0|0|2|0|0|14.4|4.8");
        // Zero-filled to the as-of month: 8 sectors x 2025-09..2025-12.
        assertEquals(32, report("dyad_sector_period")
                .filter("country_a = 'BHR' and country_b = 'PAK' and grain = 'month'").count());
        // Spot check: 2025-10 counter_narcotics holds one joint operation (2.4 kg, weight 7.4).
        assertRows(report("dyad_sector_period")
                        .filter("country_a = 'BHR' and country_b = 'PAK' and grain = 'month' "
                                + "and period_start = '2025-10-01' and sector = 'counter_narcotics'")
                        .select("statements", "seizure_events", "seizure_kg", "agreements_pending",
                                "cooperation_score", "goldstein_mean"),
                "0|1|2.4|2|7.4|7.4");
    }

    @Test
    void seizureTotalsAndConversions() {
        Dataset<Row> seizures = report("country_seizure_period").filter("grain = 'month'");
        assertRows(seizures.filter("reporting_country = 'PAK' and period_start = '2025-09-01'")
                        .select("sector", "drug", "events", "reported_totals", "reported_total_value_usd"),
                "counter_narcotics|mixed|0|1|146000000.00");
        // sz-2025-005: 1250 lb = 566.9904625 kg, 17000000 GBP x 1.258 = 21386000.00;
        // sz-2025-013: 48500 g = 48.5 kg, 1455000 GBP x 1.258 = 1830390.00.
        List<String> gbr = rows(seizures.filter("reporting_country = 'GBR' and drug = 'cocaine' "
                + "and period_start = '2025-03-01'").select("events", "value_usd", "reported_totals"));
        assertEquals(List.of("2|23216390.00|0"), gbr);
        double kg = seizures.filter("reporting_country = 'GBR' and drug = 'cocaine' and period_start = '2025-03-01'")
                .first().<Double>getAs("kg");
        assertEquals(615.4904625, kg, 1e-9);
        assertEquals(46, seizures.count(), "month rows");
    }

    @Test
    void quarantineNamesFileLineAndReason() {
        assertRows(report("quarantine").selectExpr("dataset", "regexp_extract(source_file, '[^/]+$', 0)", "line",
                        "record_id", "reason"),
                "statements|statements-2024.jsonl|11|stm-2024-010|unknown_country",
                "statements|statements-2025.csv|21|stm-2025-016|same_country",
                "agreements|agreements-extra.csv|9|agr-2025-006|inconsistent_lifecycle",
                "seizures|seizures.jsonl|23|sz-2025-010|negative_amount",
                "seizures|seizures-2025.csv|3|sz-2025-012|no_fx_rate");
        Row unknown = report("quarantine").filter("record_id = 'stm-2024-010'").first();
        assertEquals("counterpart_country: unknown country 'Atlantis'", unknown.getAs("detail"));
        assertTrue(unknown.<String>getAs("raw").startsWith("{\"statement_id\": \"stm-2024-010\""));
    }

    @Test
    void agreementStatusAndEvidence() {
        Dataset<Row> status = report("agreement_status");
        assertEquals(23, status.count());
        assertRows(status.filter("agreement_id = 'agr-2024-005'").select("country_a", "country_b"),
                "AFG|IRN", "AFG|PAK", "IRN|PAK");
        assertRows(status.filter("agreement_id = 'agr-2024-003'").select("status", "ended_on"),
                "ended|2025-10-31");
        // Every BHR-PAK number of 2025-09 traces to the seed article.
        List<String> sources = rows(report("evidence")
                .filter("country_a = 'BHR' and country_b = 'PAK' and date = '2025-09-10'")
                .select("source").distinct());
        assertEquals(List.of("https://www.urdupoint.com/en/pakistan/pakistan-bahrain-pledge-stronger-cooperation-2039071.html"),
                sources);
        assertFalse(Files.exists(out.resolve("_staging")), "staging removed after publication");
        assertTrue(Files.exists(out.resolve("_runs").resolve(manifest.get("run_id").asText() + ".json")));
    }
}
