package org.coopmetrics.metrics;

import static org.coopmetrics.SparkTestSupport.rows;
import static org.coopmetrics.SparkTestSupport.schemaOf;
import static org.coopmetrics.metrics.MetricsFixtures.AGREEMENTS;
import static org.coopmetrics.metrics.MetricsFixtures.AS_OF;
import static org.coopmetrics.metrics.MetricsFixtures.agreement;
import static org.coopmetrics.metrics.MetricsFixtures.assertLines;
import static org.coopmetrics.metrics.MetricsFixtures.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** agreement_status (contract section 3): one row per (agreement, pair) as it stood on 2025-12-31. */
class AgreementStatusTest {
    static Dataset<Row> report;
    static List<String> collected;

    @BeforeAll
    static void computeOnce() {
        Dataset<Row> agreements = frame(AGREEMENTS,
                agreement("ag-1", "mou", "Narcotics and maritime MoU", List.of("BHR", "PAK"),
                        List.of("coast_guard", "counter_narcotics"),
                        "2025-09-10", "2025-10-05", "2025-11-20", "2025-12-15", List.of("https://mofa.example/ag-1")),
                agreement("ag-2", "action_plan", "Trilateral border action plan", List.of("AFG", "IRN", "PAK"),
                        List.of("border_security"), null, "2025-11-03", "2026-01-15", null,
                        List.of("https://mofa.example/ag-2")),
                agreement("ag-3", "joint_working_group", "JWG on counter-terrorism", List.of("IRN", "PAK"),
                        List.of("counter_terrorism"), "2025-12-01", null, null, null,
                        List.of("https://mofa.example/ag-3")),
                agreement("ag-4", "extradition_treaty", "Extradition treaty", List.of("BHR", "IRN"),
                        List.of("extradition"), "2025-06-01", "2025-06-30", "2025-07-01", "2026-03-01",
                        List.of("https://mofa.example/ag-4")),
                agreement("ag-5", "liaison_post", "Liaison officer post", List.of("AFG", "PAK"),
                        List.of("police_training"), "2025-12-20", "2026-01-10", null, null,
                        List.of("https://mofa.example/ag-5")),
                agreement("ag-6", "other", "Lapsed understanding", List.of("AFG", "BHR"),
                        List.of("other"), "2025-03-01", null, null, "2025-08-01",
                        List.of("https://mofa.example/ag-6")));
        report = AgreementStatus.compute(agreements, AS_OF);
        collected = rows(report);
    }

    @Test
    void schema() {
        assertEquals(List.of("agreement_id:string", "type:string", "title:string", "country_a:string",
                "country_b:string", "sectors:array<string>", "status:string", "announced_on:date", "signed_on:date",
                "in_force_on:date", "ended_on:date", "days_announced_to_signed:int", "days_signed_to_in_force:int"),
                schemaOf(report));
    }

    @Test
    void statusAsOfTheAsOfDate() {
        // Columns: id, type, title, country_a, country_b, sectors, status, announced, signed, in force, ended,
        // days announced->signed, days signed->in force.
        assertLines(collected,
                // every date on or before 12-31; ended 12-15 -> ended. 09-10 -> 10-05: 20 days left in Sep + 5 = 25;
                // 10-05 -> 11-20: 26 days left in Oct + 20 = 46
                "ag-1|mou|Narcotics and maritime MoU|BHR|PAK|[coast_guard, counter_narcotics]|ended"
                        + "|2025-09-10|2025-10-05|2025-11-20|2025-12-15|25|46",
                // 3 parties -> 3 rows (AFG-IRN, AFG-PAK, IRN-PAK); in force 2026-01-15 is after the as-of date ->
                // shown null, status signed; no announcement -> days null; in force null -> days null
                "ag-2|action_plan|Trilateral border action plan|AFG|IRN|[border_security]|signed"
                        + "|null|2025-11-03|null|null|null|null",
                "ag-2|action_plan|Trilateral border action plan|AFG|PAK|[border_security]|signed"
                        + "|null|2025-11-03|null|null|null|null",
                "ag-2|action_plan|Trilateral border action plan|IRN|PAK|[border_security]|signed"
                        + "|null|2025-11-03|null|null|null|null",
                // announced only
                "ag-3|joint_working_group|JWG on counter-terrorism|IRN|PAK|[counter_terrorism]|announced"
                        + "|2025-12-01|null|null|null|null|null",
                // ended 2026-03-01 is after the as-of date -> null, status in_force; 06-01 -> 06-30 = 29 days;
                // 06-30 -> 07-01 = 1 day
                "ag-4|extradition_treaty|Extradition treaty|BHR|IRN|[extradition]|in_force"
                        + "|2025-06-01|2025-06-30|2025-07-01|null|29|1",
                // signed 2026-01-10 is after the as-of date -> null, status announced, days null
                "ag-5|liaison_post|Liaison officer post|AFG|PAK|[police_training]|announced"
                        + "|2025-12-20|null|null|null|null|null",
                // ended without ever being in force -> ended
                "ag-6|other|Lapsed understanding|AFG|BHR|[other]|ended"
                        + "|2025-03-01|null|null|2025-08-01|null|null");
    }

    @Test
    void oneRowPerPairOfAMultiPartyAgreement() {
        // parties AFG, IRN, PAK -> 3 unordered pairs, each with country_a < country_b; the others have 2 parties
        // -> 1 row each: 3 + 5 = 8 rows
        assertEquals(List.of("ag-1|BHR|PAK", "ag-2|AFG|IRN", "ag-2|AFG|PAK", "ag-2|IRN|PAK", "ag-3|IRN|PAK",
                "ag-4|BHR|IRN", "ag-5|AFG|PAK", "ag-6|AFG|BHR"),
                collected.stream().map(l -> l.split("\\|")).map(c -> c[0] + "|" + c[3] + "|" + c[4]).sorted()
                        .toList());
    }
}
