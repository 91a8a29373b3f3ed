package org.coopmetrics.metrics;

import static org.coopmetrics.SparkTestSupport.rows;
import static org.coopmetrics.SparkTestSupport.schemaOf;
import static org.coopmetrics.metrics.MetricsFixtures.AGREEMENTS;
import static org.coopmetrics.metrics.MetricsFixtures.AS_OF;
import static org.coopmetrics.metrics.MetricsFixtures.EVENTS;
import static org.coopmetrics.metrics.MetricsFixtures.SEIZURES;
import static org.coopmetrics.metrics.MetricsFixtures.STATEMENTS;
import static org.coopmetrics.metrics.MetricsFixtures.agreement;
import static org.coopmetrics.metrics.MetricsFixtures.assertLines;
import static org.coopmetrics.metrics.MetricsFixtures.event;
import static org.coopmetrics.metrics.MetricsFixtures.frame;
import static org.coopmetrics.metrics.MetricsFixtures.seizure;
import static org.coopmetrics.metrics.MetricsFixtures.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** evidence (contract section 3): one row per (pair, sector, date, dataset, record_id, source). As of 2025-12-31. */
class EvidenceTest {
    static Dataset<Row> report;
    static List<String> collected;

    @BeforeAll
    static void computeOnce() {
        Dataset<Row> statements = frame(STATEMENTS,
                statement("st-1", "2025-09-03", "Mohsin Naqvi", "PAK", "BHR", "intent",
                        List.of("counter_narcotics", "counter_terrorism"),
                        List.of("https://app.example/st-1", "https://dawn.example/st-1")));
        Dataset<Row> agreements = frame(AGREEMENTS,
                // ended 2026-02-01 is after the as-of date: not listed
                agreement("ag-1", "mou", "Maritime MoU", List.of("BHR", "PAK"), List.of("coast_guard"),
                        "2025-09-10", "2025-10-05", "2025-11-20", "2026-02-01", List.of("https://mofa.example/ag-1")),
                agreement("ag-2", "action_plan", "Trilateral border action plan", List.of("AFG", "IRN", "PAK"),
                        List.of("border_security"), null, "2025-11-03", null, null,
                        List.of("https://mofa.example/ag-2", "https://irna.example/ag-2")),
                // announced and signed the same day: one row for that (pair, sector, date, record, source)
                agreement("ag-3", "extradition_treaty", "Extradition treaty", List.of("BHR", "IRN"),
                        List.of("extradition"), "2025-12-01", "2025-12-01", null, null,
                        List.of("https://mofa.example/ag-3")));
        Dataset<Row> seizures = frame(SEIZURES,
                // (a source given twice is kept once by the normaliser: StatementsTest.aSourceListedTwiceIsOneSource)
                seizure("sz-1", "event", "2025-11-04", null, "PAK", null, null, "counter_narcotics", "heroin", "40",
                        null, null, List.of("https://anf.example/sz-1")),
                seizure("sz-2", "event", "2025-11-20", null, "PAK", "IRN", "joint_operation", "counter_narcotics",
                        "heroin", "120.5", null, null, List.of("https://anf.example/sz-2")),
                seizure("sz-3", "period_total", "2025-11-30", "2025-11-01", "PAK", "AFG", "transit",
                        "counter_narcotics", "mixed", null, null, "1000.00", List.of("https://anf.example/sz-3")));
        Dataset<Row> events = frame(EVENTS,
                event("201", "2025-09-05", "PAK", "BHR", List.of("intelligence_sharing", "law_enforcement"), 3.4, 5,
                        1, 5, 1.5, "https://news.example/201"),
                // a SOURCEURL that is no URL stays as GDELT wrote it
                event("202", "2025-11-05", "IND", "PAK", List.of("diplomacy"), 1.9, 1, 1, 1, 0.5, "BBC Monitoring"));
        report = Evidence.compute(Facts.build(statements, agreements, seizures, events, MetricsFixtures.reference(),
                AS_OF));
        collected = rows(report);
    }

    @Test
    void schema() {
        assertEquals(List.of("country_a:string", "country_b:string", "sector:string", "date:date", "dataset:string",
                "record_id:string", "source:string"), schemaOf(report));
    }

    @Test
    void everyReportNumberTracesBackToItsRowsAndSources() {
        assertLines(collected,
                // st-1: 2 sectors x 2 sources = 4 rows; PAK -> BHR as the pair BHR|PAK
                "BHR|PAK|counter_narcotics|2025-09-03|statements|st-1|https://app.example/st-1",
                "BHR|PAK|counter_narcotics|2025-09-03|statements|st-1|https://dawn.example/st-1",
                "BHR|PAK|counter_terrorism|2025-09-03|statements|st-1|https://app.example/st-1",
                "BHR|PAK|counter_terrorism|2025-09-03|statements|st-1|https://dawn.example/st-1",
                // ag-1: announced, signed, in force on or before 12-31 = 3 dates x 1 sector x 1 source
                "BHR|PAK|coast_guard|2025-09-10|agreements|ag-1|https://mofa.example/ag-1",
                "BHR|PAK|coast_guard|2025-10-05|agreements|ag-1|https://mofa.example/ag-1",
                "BHR|PAK|coast_guard|2025-11-20|agreements|ag-1|https://mofa.example/ag-1",
                // ag-2: 3 pairs x 1 date x 2 sources = 6 rows
                "AFG|IRN|border_security|2025-11-03|agreements|ag-2|https://irna.example/ag-2",
                "AFG|IRN|border_security|2025-11-03|agreements|ag-2|https://mofa.example/ag-2",
                "AFG|PAK|border_security|2025-11-03|agreements|ag-2|https://irna.example/ag-2",
                "AFG|PAK|border_security|2025-11-03|agreements|ag-2|https://mofa.example/ag-2",
                "IRN|PAK|border_security|2025-11-03|agreements|ag-2|https://irna.example/ag-2",
                "IRN|PAK|border_security|2025-11-03|agreements|ag-2|https://mofa.example/ag-2",
                // ag-3: two lifecycle dates on one day -> one row
                "BHR|IRN|extradition|2025-12-01|agreements|ag-3|https://mofa.example/ag-3",
                // sz-1 without partner: listed under the reporting country, country_b null
                "PAK|null|counter_narcotics|2025-11-04|seizures|sz-1|https://anf.example/sz-1",
                // sz-2: reporting PAK, partner IRN -> IRN|PAK
                "IRN|PAK|counter_narcotics|2025-11-20|seizures|sz-2|https://anf.example/sz-2",
                // sz-3: a reported total, listed by its date
                "AFG|PAK|counter_narcotics|2025-11-30|seizures|sz-3|https://anf.example/sz-3",
                // events: one row per sector, record_id = GLOBALEVENTID, date = SQLDATE, source = SOURCEURL
                "BHR|PAK|intelligence_sharing|2025-09-05|events|201|https://news.example/201",
                "BHR|PAK|law_enforcement|2025-09-05|events|201|https://news.example/201",
                "IND|PAK|diplomacy|2025-11-05|events|202|BBC Monitoring");
    }

    @Test
    void rowsAreUniqueByTheirKey() {
        // 4 + 3 + 6 + 1 + 1 + 1 + 1 = 17 curated rows and 2 + 1 event rows, no two alike
        assertEquals(20, collected.size());
        assertEquals(20, collected.stream().collect(Collectors.toSet()).size());
    }
}
