package org.coopmetrics.metrics;

import static org.coopmetrics.SparkTestSupport.schemaOf;
import static org.coopmetrics.metrics.MetricsFixtures.SEIZURES;
import static org.coopmetrics.metrics.MetricsFixtures.assertLines;
import static org.coopmetrics.metrics.MetricsFixtures.frame;
import static org.coopmetrics.metrics.MetricsFixtures.is;
import static org.coopmetrics.metrics.MetricsFixtures.project;
import static org.coopmetrics.metrics.MetricsFixtures.seizure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.coopmetrics.config.Grain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * country_seizure_period (contract section 3): every seizure, with or without partner, by reporting country,
 * sector, drug and period; events and reported totals in separate columns, never added together. Computed for
 * month and quarter and collected once.
 */
class CountrySeizurePeriodTest {
    static final String[] COLUMNS = {"reporting_country", "sector", "drug", "period_start", "period_end", "events",
        "kg", "count_units", "value_usd", "reported_totals", "reported_total_kg", "reported_total_value_usd",
        "year"};

    static Dataset<Row> report;
    static List<Row> collected;
    static Dataset<Row> seizures;

    @BeforeAll
    static void computeOnce() {
        seizures = frame(SEIZURES,
                // PAK, counter_narcotics, heroin, Nov: two events (one with, one without partner) and a total
                seizure("c-1", "event", "2025-11-04", null, "PAK", "IRN", "joint_operation", "counter_narcotics",
                        "heroin", "120.5", null, "250000.00", List.of("https://anf.example/c-1")),
                seizure("c-2", "event", "2025-11-20", null, "PAK", null, null, "counter_narcotics", "heroin",
                        "10.25", null, "0.25", List.of("https://anf.example/c-2")),
                seizure("c-3", "period_total", "2025-11-30", "2025-11-01", "PAK", null, null, "counter_narcotics",
                        "heroin", "500", null, "1200000.00", List.of("https://anf.example/c-3")),
                // A total of mixed drugs with a partner; it covers Sep..Nov but is placed by its date (Nov)
                seizure("c-4", "period_total", "2025-11-30", "2025-09-01", "PAK", "IRN", "joint_operation",
                        "counter_narcotics", "mixed", null, null, "3000000.00", List.of("https://anf.example/c-4")),
                // IRN reports: the pair is the same as c-1's, but the report groups by reporting country
                seizure("c-5", "event", "2025-11-20", null, "IRN", "PAK", "origin", "counter_narcotics",
                        "methamphetamine", null, "5000", "1000.50", List.of("https://dchq.example/c-5")),
                seizure("c-8", "event", "2025-11-10", null, "IRN", "PAK", "transit", "counter_narcotics",
                        "methamphetamine", null, "250", "0.20", List.of("https://dchq.example/c-8")),
                // Another sector, another month
                seizure("c-6", "event", "2025-12-02", null, "PAK", null, null, "coast_guard", "hashish", "0.5",
                        null, "99.99", List.of("https://pmsa.example/c-6")),
                // Same group as c-1/c-2 but in October: a separate month, the same quarter
                seizure("c-7", "event", "2025-10-31", null, "PAK", null, null, "counter_narcotics", "heroin", "1",
                        null, null, List.of("https://anf.example/c-7")));
        report = CountrySeizurePeriod.compute(seizures, List.of(Grain.MONTH, Grain.QUARTER));
        collected = report.collectAsList();
    }

    @Test
    void schemaFollowsTheContract() {
        assertEquals(List.of("reporting_country:string", "sector:string", "drug:string", "period_start:date",
                "period_end:date", "events:bigint", "kg:double", "count_units:double", "value_usd:decimal(20,2)",
                "reported_totals:bigint", "reported_total_kg:double", "reported_total_value_usd:decimal(20,2)",
                "grain:string", "year:int"), schemaOf(report));
    }

    @Test
    void monthsWithAndWithoutPartnerEventsAndTotalsApart() {
        // Columns: country, sector, drug, start, end, events, kg, count_units, value_usd, reported_totals,
        // reported_total_kg, reported_total_value_usd, year. One row per combination with activity: no
        // zero-filled months (nothing for PAK heroin in Dec, nothing in Sep for c-4's period_start).
        assertLines(project(collected, is("grain", "month"), COLUMNS),
                // c-5 + c-8: events 2; kg 0; count units 5000 + 250 = 5250; value 1000.50 + 0.20 = 1000.70
                "IRN|counter_narcotics|methamphetamine|2025-11-01|2025-11-30|2|0.0|5250.0|1000.70|0|0.0|0.00|2025",
                // c-6
                "PAK|coast_guard|hashish|2025-12-01|2025-12-31|1|0.5|0.0|99.99|0|0.0|0.00|2025",
                // c-7: 1 kg, no value -> 0.00
                "PAK|counter_narcotics|heroin|2025-10-01|2025-10-31|1|1.0|0.0|0.00|0|0.0|0.00|2025",
                // events c-1 (partner IRN) + c-2 (no partner) = 2; kg 120.5 + 10.25 = 130.75;
                // value 250000.00 + 0.25 = 250000.25; the total c-3 stays apart: 1, 500 kg, 1200000.00
                "PAK|counter_narcotics|heroin|2025-11-01|2025-11-30|2|130.75|0.0|250000.25|1|500.0|1200000.00|2025",
                // c-4: a total only; no kg given -> 0.0; value 3000000.00
                "PAK|counter_narcotics|mixed|2025-11-01|2025-11-30|0|0.0|0.0|0.00|1|0.0|3000000.00|2025");
    }

    @Test
    void quarters() {
        assertLines(project(collected, is("grain", "quarter"), COLUMNS),
                "IRN|counter_narcotics|methamphetamine|2025-10-01|2025-12-31|2|0.0|5250.0|1000.70|0|0.0|0.00|2025",
                "PAK|coast_guard|hashish|2025-10-01|2025-12-31|1|0.5|0.0|99.99|0|0.0|0.00|2025",
                // Oct + Nov: events c-7 + c-1 + c-2 = 3; kg 1 + 120.5 + 10.25 = 131.75; value 250000.25;
                // total c-3 apart
                "PAK|counter_narcotics|heroin|2025-10-01|2025-12-31|3|131.75|0.0|250000.25|1|500.0|1200000.00|2025",
                "PAK|counter_narcotics|mixed|2025-10-01|2025-12-31|0|0.0|0.0|0.00|1|0.0|3000000.00|2025");
    }

    @Test
    void weeksAndMonthsTogether() {
        // With a week grain the seizures are summed per grain directly (weeks do not nest in months), the months
        // above by month first: the months are the same, and each week holds its own seizures (ISO weeks from
        // Monday; c-7's week starts in October and is counted in 2025 by its start).
        List<Row> rows = CountrySeizurePeriod.compute(seizures, List.of(Grain.WEEK, Grain.MONTH)).collectAsList();
        assertEquals(project(collected, is("grain", "month"), COLUMNS), project(rows, is("grain", "month"), COLUMNS));
        assertLines(project(rows, is("grain", "week"), COLUMNS),
                "IRN|counter_narcotics|methamphetamine|2025-11-10|2025-11-16|1|0.0|250.0|0.20|0|0.0|0.00|2025",
                "IRN|counter_narcotics|methamphetamine|2025-11-17|2025-11-23|1|0.0|5000.0|1000.50|0|0.0|0.00|2025",
                "PAK|coast_guard|hashish|2025-12-01|2025-12-07|1|0.5|0.0|99.99|0|0.0|0.00|2025",
                "PAK|counter_narcotics|heroin|2025-10-27|2025-11-02|1|1.0|0.0|0.00|0|0.0|0.00|2025",
                "PAK|counter_narcotics|heroin|2025-11-03|2025-11-09|1|120.5|0.0|250000.00|0|0.0|0.00|2025",
                "PAK|counter_narcotics|heroin|2025-11-17|2025-11-23|1|10.25|0.0|0.25|0|0.0|0.00|2025",
                "PAK|counter_narcotics|heroin|2025-11-24|2025-11-30|0|0.0|0.0|0.00|1|500.0|1200000.00|2025",
                "PAK|counter_narcotics|mixed|2025-11-24|2025-11-30|0|0.0|0.0|0.00|1|0.0|3000000.00|2025");
    }
}
