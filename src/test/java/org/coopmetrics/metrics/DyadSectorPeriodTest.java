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
import static org.coopmetrics.metrics.MetricsFixtures.is;
import static org.coopmetrics.metrics.MetricsFixtures.project;
import static org.coopmetrics.metrics.MetricsFixtures.row;
import static org.coopmetrics.metrics.MetricsFixtures.seizure;
import static org.coopmetrics.metrics.MetricsFixtures.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.coopmetrics.SparkTestSupport;
import org.coopmetrics.config.Grain;
import org.coopmetrics.normalize.ReferenceData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * dyad_sector_period (contract section 3) with the bundled event weights (section 4): intent 4.0,
 * consultation 1.0, praise 3.4, appeal 3.0, criticism -2.0, agreement announced 5.2, signed 8.0, entered into
 * force 6.0, joint_operation seizure 7.4; ended and non-joint seizures weigh nothing. As-of date 2025-12-31.
 *
 * <p>The report is computed once for week, month, quarter and year and collected once; the tests look at slices
 * of that one result. Only the determinism test runs two more Spark jobs.
 */
class DyadSectorPeriodTest {
    static final List<Grain> GRAINS = List.of(Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.YEAR);

    /** Every column of a report row except the partition columns, in contract order. */
    static final String[] COLUMNS = {"country_a", "country_b", "sector", "period_start", "period_end",
        "statements", "statements_a_to_b", "statements_b_to_a", "statement_sources", "speakers",
        "agreements_announced", "agreements_signed", "agreements_entered_into_force", "agreements_ended",
        "agreements_in_force", "agreements_pending",
        "seizure_events", "seizure_kg", "seizure_count_units", "seizure_value_usd", "reported_totals",
        "reported_total_value_usd", "cooperation_score", "goldstein_mean"};

    // Groups of a line in COLUMNS order.
    // statements | a_to_b | b_to_a | statement_sources | speakers
    static final String NO_STATEMENTS = "0|0|0|0|0";
    // announced | signed | entered_into_force | ended | in_force | pending
    static final String NO_AGREEMENTS = "0|0|0|0|0|0";
    // seizure_events | seizure_kg | seizure_count_units | seizure_value_usd | reported_totals | reported_total_value_usd
    static final String NO_SEIZURES = "0|0.0|0.0|0.00|0|0.00";
    // cooperation_score | goldstein_mean
    static final String NO_SCORE = "0.0|null";

    /** The pair-sectors only events reach: their rows are checked in eventsCountedByDirection... */
    static final Predicate<Row> EVENTS_ONLY = is("sector", "law_enforcement").or(is("sector", "diplomacy"));

    static Dataset<Row> statements;
    static Dataset<Row> agreements;
    static Dataset<Row> seizures;
    static Dataset<Row> events;
    static ReferenceData ref;
    static Dataset<Row> report;
    static List<Row> collected;

    @BeforeAll
    static void computeOnce() {
        ref = MetricsFixtures.reference();
        statements = frame(STATEMENTS,
                // PAK -> BHR: country_a = BHR, so this is b_to_a. Two sources, two sectors.
                statement("st-1", "2025-09-03", "Mohsin Naqvi", "PAK", "BHR", "intent",
                        List.of("counter_narcotics", "intelligence_sharing"),
                        List.of("https://dawn.example/st-1", "https://app.example/st-1")),
                // BHR -> PAK: a_to_b. One source.
                statement("st-2", "2025-09-17", "Rashid bin Abdullah Al Khalifa", "BHR", "PAK", "consultation",
                        List.of("counter_narcotics"), List.of("https://bna.example/st-2")),
                // The speaker of st-1 written differently: same speaker_key "mohsin naqvi".
                statement("st-3", "2025-09-24", "MOHSIN  NAQVI", "PAK", "BHR", "praise",
                        List.of("intelligence_sharing"), List.of("https://tribune.example/st-3")),
                // A negative weight in Nov, an appeal in Dec: AFG is country_a of AFG-PAK.
                statement("st-4", "2025-11-12", "Khawaja Asif", "PAK", "AFG", "criticism",
                        List.of("counter_terrorism"), List.of("https://geo.example/st-4")),
                statement("st-5", "2025-12-10", "Amir Khan Muttaqi", "AFG", "PAK", "appeal",
                        List.of("counter_terrorism"),
                        List.of("https://tolo.example/st-5", "https://ariana.example/st-5")));
        agreements = frame(AGREEMENTS,
                agreement("ag-1", "mou", "Pakistan-Bahrain MoU on narcotics and maritime security",
                        List.of("BHR", "PAK"), List.of("coast_guard", "counter_narcotics"),
                        "2025-09-10", "2025-10-05", "2025-11-20", "2025-12-15",
                        List.of("https://mofa.example/ag-1")),
                // Three parties: pairs AFG-IRN, AFG-PAK, IRN-PAK. Signed without an announcement; its entry
                // into force lies after the as-of date.
                agreement("ag-2", "action_plan", "Trilateral border action plan",
                        List.of("AFG", "IRN", "PAK"), List.of("border_security"),
                        null, "2025-11-03", "2026-01-15", null, List.of("https://mofa.example/ag-2")));
        seizures = frame(SEIZURES,
                // Joint operation: weight 7.4.
                seizure("sz-1", "event", "2025-11-04", null, "PAK", "IRN", "joint_operation", "counter_narcotics",
                        "heroin", "120.5", null, "250000.00", List.of("https://anf.example/sz-1")),
                // Origin: measures count, no weight.
                seizure("sz-2", "event", "2025-11-20", null, "IRN", "PAK", "origin", "counter_narcotics",
                        "methamphetamine", null, "5000", "1000.50", List.of("https://dchq.example/sz-2")),
                // A reported total with a partner: only reported_totals and reported_total_value_usd, never
                // the event sums, and no weight even though its role is joint_operation.
                seizure("sz-3", "period_total", "2025-11-30", "2025-11-01", "PAK", "IRN", "joint_operation",
                        "counter_narcotics", "mixed", "900", null, "5000000.00", List.of("https://anf.example/sz-3")),
                // No partner: not part of any pair.
                seizure("sz-4", "event", "2025-11-12", null, "PAK", null, null, "counter_narcotics", "heroin",
                        "40", null, null, List.of("https://anf.example/sz-4")));
        events = frame(EVENTS,
                // PAK -> BHR (b_to_a) in the slice of st-1 and st-3: events never change cooperation_score.
                event("101", "2025-09-05", "PAK", "BHR", List.of("intelligence_sharing"), 1.0, 10, 2, 10, 2.5,
                        "https://news.example/101"),
                // BHR -> PAK (a_to_b), two sectors: counted in both.
                event("102", "2025-09-20", "BHR", "PAK", List.of("intelligence_sharing", "law_enforcement"), 3.4, 4,
                        1, 4, -1.25, "https://news.example/102"),
                // A pair with events only: zero-filled from its first event.
                event("103", "2025-11-05", "PAK", "IND", List.of("diplomacy"), 1.9, 1, 1, 1, 0.333333333333333,
                        "BBC Monitoring"));
        report = DyadSectorPeriod.compute(Facts.build(statements, agreements, seizures, events, ref, AS_OF),
                ref.sectors().values(), GRAINS, AS_OF);
        collected = report.collectAsList();
    }

    static List<String> lines(Predicate<Row> which, String... columns) {
        return project(collected, which, columns);
    }

    static Predicate<Row> slice(String grain, String a, String b, String sector) {
        return is("grain", grain).and(is("country_a", a)).and(is("country_b", b)).and(is("sector", sector));
    }

    @Test
    void schemaFollowsTheContract() {
        assertEquals(List.of("country_a:string", "country_b:string", "sector:string", "period_start:date",
                "period_end:date", "statements:bigint", "statements_a_to_b:bigint", "statements_b_to_a:bigint",
                "statement_sources:bigint", "speakers:bigint", "agreements_announced:bigint",
                "agreements_signed:bigint", "agreements_entered_into_force:bigint", "agreements_ended:bigint",
                "agreements_in_force:bigint", "agreements_pending:bigint", "seizure_events:bigint",
                "seizure_kg:double", "seizure_count_units:double", "seizure_value_usd:decimal(20,2)",
                "reported_totals:bigint", "reported_total_value_usd:decimal(20,2)", "cooperation_score:double",
                "goldstein_mean:double", "events:bigint", "events_a_to_b:bigint", "events_b_to_a:bigint",
                "event_mentions:bigint", "event_sources:bigint", "event_articles:bigint",
                "event_goldstein_sum:double", "event_tone_mean:double", "grain:string", "year:int"),
                schemaOf(report));
    }

    @Test
    void eventsCountedByDirectionWithTheirSumsAndMeanTone() {
        String[] columns = {"country_a", "country_b", "sector", "period_start", "events", "events_a_to_b",
            "events_b_to_a", "event_mentions", "event_sources", "event_articles", "event_goldstein_sum",
            "event_tone_mean", "cooperation_score"};
        assertLines(lines(is("grain", "month").and(is("events", "0").negate()), columns),
                // 101 (PAK->BHR: b_to_a, BHR is country_a) + 102 (BHR->PAK: a_to_b); mentions 10 + 4, sources 2 + 1,
                // articles 10 + 4; Goldstein 1.0 + 3.4 = 4.4; tone (2.5 - 1.25) / 2 = 0.625. The score stays
                // st-1's 4.0 + st-3's 3.4: events never add to it.
                "BHR|PAK|intelligence_sharing|2025-09-01|2|1|1|14|3|14|4.4|0.625|7.4",
                // 102 alone in its second sector; nothing curated there, so no score
                "BHR|PAK|law_enforcement|2025-09-01|1|1|0|4|1|4|3.4|-1.25|0.0",
                // 103: PAK->IND, IND is country_a: b_to_a; the tone kept to all its decimals
                "IND|PAK|diplomacy|2025-11-01|1|0|1|1|1|1|1.9|0.333333333333333|0.0");
        assertLines(lines(is("grain", "year").and(is("events", "0").negate()), "country_a", "country_b", "sector",
                        "period_start", "events", "event_mentions", "event_goldstein_sum", "event_tone_mean"),
                "BHR|PAK|intelligence_sharing|2025-01-01|2|14|4.4|0.625",
                "BHR|PAK|law_enforcement|2025-01-01|1|4|3.4|-1.25",
                "IND|PAK|diplomacy|2025-01-01|1|1|1.9|0.333333333333333");
        // A period without events: zeros and a null mean tone, like the curated columns.
        assertLines(lines(slice("month", "IND", "PAK", "diplomacy").and(is("period_start", "2025-12-01")),
                        "statements", "seizure_events", "events", "event_mentions", "event_goldstein_sum",
                        "event_tone_mean", "cooperation_score", "goldstein_mean"),
                "0|0|0|0|0.0|null|0.0|null");
    }

    @Test
    void statementsCountedByDirectionWithSourcesAndDistinctSpeakers() {
        assertLines(lines(is("grain", "month").and(is("period_start", "2025-09-01")).and(is("country_b", "PAK"))
                                .and(is("country_a", "BHR")).and(is("statements", "0").negate()),
                        "country_a", "country_b", "sector", "statements", "statements_a_to_b", "statements_b_to_a",
                        "statement_sources", "speakers"),
                // counter_narcotics: st-1 (PAK->BHR) + st-2 (BHR->PAK) = 2; a_to_b = st-2 = 1 (BHR is country_a);
                // b_to_a = st-1 = 1; sources 2 + 1 = 3; speakers "mohsin naqvi", "rashid bin abdullah al khalifa" = 2
                "BHR|PAK|counter_narcotics|2|1|1|3|2",
                // intelligence_sharing: st-1 + st-3 = 2, both PAK->BHR so a_to_b 0, b_to_a 2; sources 2 + 1 = 3;
                // "Mohsin Naqvi" and "MOHSIN  NAQVI" share speaker_key "mohsin naqvi" -> 1 speaker
                "BHR|PAK|intelligence_sharing|2|0|2|3|1");
    }

    @Test
    void zeroFilledFromFirstActivityToTheAsOfPeriod() {
        assertLines(lines(slice("month", "BHR", "PAK", "intelligence_sharing"), COLUMNS),
                // Sep: st-1 (intent 4.0) + st-3 (praise 3.4): score 7.4 over 2 weighted events -> mean 3.7
                row("BHR|PAK|intelligence_sharing|2025-09-01|2025-09-30", "2|0|2|3|1", NO_AGREEMENTS, NO_SEIZURES,
                        "7.4|3.7"),
                // Oct..Dec (as-of 2025-12-31 is in Dec): nothing happened -> all zero, mean null
                row("BHR|PAK|intelligence_sharing|2025-10-01|2025-10-31", NO_STATEMENTS, NO_AGREEMENTS, NO_SEIZURES,
                        NO_SCORE),
                row("BHR|PAK|intelligence_sharing|2025-11-01|2025-11-30", NO_STATEMENTS, NO_AGREEMENTS, NO_SEIZURES,
                        NO_SCORE),
                row("BHR|PAK|intelligence_sharing|2025-12-01|2025-12-31", NO_STATEMENTS, NO_AGREEMENTS, NO_SEIZURES,
                        NO_SCORE));
    }

    @Test
    void everyPairSectorRunsFromItsFirstActivePeriodAndNoEarlier() {
        // month rows: BHR-PAK x 3 sectors x Sep..Dec = 12; IRN-PAK counter_narcotics Nov..Dec = 2 (sz-4 has no
        // partner, so there is no row with country_b null); border_security for 3 pairs x Nov..Dec = 6;
        // AFG-PAK counter_terrorism Nov..Dec = 2; events only: BHR-PAK law_enforcement Sep..Dec = 4 and IND-PAK
        // diplomacy Nov..Dec = 2. Total 28.
        assertLines(lines(is("grain", "month"), "country_a", "country_b", "sector", "period_start"),
                "BHR|PAK|coast_guard|2025-09-01", "BHR|PAK|coast_guard|2025-10-01",
                "BHR|PAK|coast_guard|2025-11-01", "BHR|PAK|coast_guard|2025-12-01",
                "BHR|PAK|counter_narcotics|2025-09-01", "BHR|PAK|counter_narcotics|2025-10-01",
                "BHR|PAK|counter_narcotics|2025-11-01", "BHR|PAK|counter_narcotics|2025-12-01",
                "BHR|PAK|intelligence_sharing|2025-09-01", "BHR|PAK|intelligence_sharing|2025-10-01",
                "BHR|PAK|intelligence_sharing|2025-11-01", "BHR|PAK|intelligence_sharing|2025-12-01",
                "IRN|PAK|counter_narcotics|2025-11-01", "IRN|PAK|counter_narcotics|2025-12-01",
                "AFG|IRN|border_security|2025-11-01", "AFG|IRN|border_security|2025-12-01",
                "AFG|PAK|border_security|2025-11-01", "AFG|PAK|border_security|2025-12-01",
                "IRN|PAK|border_security|2025-11-01", "IRN|PAK|border_security|2025-12-01",
                "AFG|PAK|counter_terrorism|2025-11-01", "AFG|PAK|counter_terrorism|2025-12-01",
                "BHR|PAK|law_enforcement|2025-09-01", "BHR|PAK|law_enforcement|2025-10-01",
                "BHR|PAK|law_enforcement|2025-11-01", "BHR|PAK|law_enforcement|2025-12-01",
                "IND|PAK|diplomacy|2025-11-01", "IND|PAK|diplomacy|2025-12-01");
    }

    @Test
    void agreementLifecycleByMonth() {
        assertLines(lines(slice("month", "BHR", "PAK", "coast_guard"), COLUMNS),
                // Sep: announced 09-10 -> announced 1; pending = 1 (announced, not in force); score 5.2, mean 5.2
                row("BHR|PAK|coast_guard|2025-09-01|2025-09-30", NO_STATEMENTS, "1|0|0|0|0|1", NO_SEIZURES,
                        "5.2|5.2"),
                // Oct: signed 10-05 -> signed 1; still pending 1; score 8.0, mean 8.0
                row("BHR|PAK|coast_guard|2025-10-01|2025-10-31", NO_STATEMENTS, "0|1|0|0|0|1", NO_SEIZURES,
                        "8.0|8.0"),
                // Nov: in force 11-20 -> entered 1; in force at 11-30 = 1; pending 0; score 6.0, mean 6.0
                row("BHR|PAK|coast_guard|2025-11-01|2025-11-30", NO_STATEMENTS, "0|0|1|0|1|0", NO_SEIZURES,
                        "6.0|6.0"),
                // Dec: ended 12-15 -> ended 1; ended_on <= 12-31 so in force 0; pending 0; ending weighs nothing:
                // score 0.0, no weighted event -> mean null
                row("BHR|PAK|coast_guard|2025-12-01|2025-12-31", NO_STATEMENTS, "0|0|0|1|0|0", NO_SEIZURES,
                        NO_SCORE));
        assertLines(lines(slice("month", "BHR", "PAK", "counter_narcotics"), COLUMNS),
                // Sep: st-1 + st-2 (see above) and ag-1 announced; score 4.0 + 1.0 + 5.2 = 10.2 over 3 -> 3.4
                row("BHR|PAK|counter_narcotics|2025-09-01|2025-09-30", "2|1|1|3|2", "1|0|0|0|0|1", NO_SEIZURES,
                        "10.2|3.4"),
                // Oct..Dec: the agreement alone, as in coast_guard
                row("BHR|PAK|counter_narcotics|2025-10-01|2025-10-31", NO_STATEMENTS, "0|1|0|0|0|1", NO_SEIZURES,
                        "8.0|8.0"),
                row("BHR|PAK|counter_narcotics|2025-11-01|2025-11-30", NO_STATEMENTS, "0|0|1|0|1|0", NO_SEIZURES,
                        "6.0|6.0"),
                row("BHR|PAK|counter_narcotics|2025-12-01|2025-12-31", NO_STATEMENTS, "0|0|0|1|0|0", NO_SEIZURES,
                        NO_SCORE));
    }

    @Test
    void multiPartyAgreementCountsOncePerPairAndLaterDatesAreIgnored() {
        String[] perPair = {
            // Nov: signed 11-03 -> signed 1; never announced, so signing makes it pending: 1; score 8.0, mean 8.0
            "2025-11-01|2025-11-30|" + row(NO_STATEMENTS, "0|1|0|0|0|1", NO_SEIZURES, "8.0|8.0"),
            // Dec: in_force_on 2026-01-15 is after the as-of date: not entered, not in force, still pending 1;
            // score 0.0, mean null
            "2025-12-01|2025-12-31|" + row(NO_STATEMENTS, "0|0|0|0|0|1", NO_SEIZURES, NO_SCORE)};
        for (String pair : List.of("AFG|IRN", "AFG|PAK", "IRN|PAK")) {
            String[] ab = pair.split("\\|");
            assertLines(lines(slice("month", ab[0], ab[1], "border_security"), COLUMNS),
                    pair + "|border_security|" + perPair[0], pair + "|border_security|" + perPair[1]);
        }
        // Nothing after the as-of period, in any grain.
        assertEquals(List.of(), lines(r -> r.getAs("period_start").toString().compareTo("2025-12-31") > 0,
                "grain", "country_a", "country_b", "sector", "period_start"));
    }

    @Test
    void negativeAndAppealWeights() {
        assertLines(lines(slice("month", "AFG", "PAK", "counter_terrorism"), COLUMNS),
                // Nov: st-4 PAK->AFG (b_to_a), 1 source, criticism -2.0 -> score -2.0, mean -2.0 / 1 = -2.0
                row("AFG|PAK|counter_terrorism|2025-11-01|2025-11-30", "1|0|1|1|1", NO_AGREEMENTS, NO_SEIZURES,
                        "-2.0|-2.0"),
                // Dec: st-5 AFG->PAK (a_to_b), 2 sources, appeal 3.0 -> 3.0, mean 3.0
                row("AFG|PAK|counter_terrorism|2025-12-01|2025-12-31", "1|1|0|2|1", NO_AGREEMENTS, NO_SEIZURES,
                        "3.0|3.0"));
    }

    @Test
    void seizuresWithPartner() {
        assertLines(lines(slice("month", "IRN", "PAK", "counter_narcotics"), COLUMNS),
                // Nov: events sz-1 + sz-2 = 2; kg 120.5 (sz-1; sz-3's 900 kg is a total, not added);
                // count units 5000 (sz-2); value 250000.00 + 1000.50 = 251000.50;
                // reported_totals 1 (sz-3), reported_total_value_usd 5000000.00;
                // score: only sz-1 (joint_operation) weighs 7.4 -> mean 7.4 / 1 = 7.4
                row("IRN|PAK|counter_narcotics|2025-11-01|2025-11-30", NO_STATEMENTS, NO_AGREEMENTS,
                        "2|120.5|5000.0|251000.50|1|5000000.00", "7.4|7.4"),
                // Dec: zero-filled
                row("IRN|PAK|counter_narcotics|2025-12-01|2025-12-31", NO_STATEMENTS, NO_AGREEMENTS, NO_SEIZURES,
                        NO_SCORE));
    }

    @Test
    void weeksStartOnMonday() {
        // From the week of st-1 (Wed 2025-09-03 -> Mon 09-01) to the week of the as-of date (Wed 2025-12-31 ->
        // Mon 12-29): (12-29 - 09-01) = 119 days = 17 weeks, so 18 rows. Columns: period_start, period_end,
        // statements, a_to_b, b_to_a, sources, speakers, announced, signed, entered, ended, in_force, pending,
        // score, mean, year.
        assertLines(lines(slice("week", "BHR", "PAK", "counter_narcotics"), "period_start", "period_end",
                        "statements", "statements_a_to_b", "statements_b_to_a", "statement_sources", "speakers",
                        "agreements_announced", "agreements_signed", "agreements_entered_into_force",
                        "agreements_ended", "agreements_in_force", "agreements_pending", "cooperation_score",
                        "goldstein_mean", "year"),
                // st-1 PAK->BHR (b_to_a), 2 sources, intent 4.0
                "2025-09-01|2025-09-07|1|0|1|2|1|0|0|0|0|0|0|4.0|4.0|2025",
                // ag-1 announced Wed 09-10 -> week Mon 09-08 .. Sun 09-14; pending 1; 5.2
                "2025-09-08|2025-09-14|0|0|0|0|0|1|0|0|0|0|1|5.2|5.2|2025",
                // st-2 BHR->PAK (a_to_b), 1 source, consultation 1.0; pending carried: 1
                "2025-09-15|2025-09-21|1|1|0|1|1|0|0|0|0|0|1|1.0|1.0|2025",
                "2025-09-22|2025-09-28|0|0|0|0|0|0|0|0|0|0|1|0.0|null|2025",
                // signed Sun 10-05 -> week Mon 09-29 .. Sun 10-05; 8.0
                "2025-09-29|2025-10-05|0|0|0|0|0|0|1|0|0|0|1|8.0|8.0|2025",
                "2025-10-06|2025-10-12|0|0|0|0|0|0|0|0|0|0|1|0.0|null|2025",
                "2025-10-13|2025-10-19|0|0|0|0|0|0|0|0|0|0|1|0.0|null|2025",
                "2025-10-20|2025-10-26|0|0|0|0|0|0|0|0|0|0|1|0.0|null|2025",
                "2025-10-27|2025-11-02|0|0|0|0|0|0|0|0|0|0|1|0.0|null|2025",
                "2025-11-03|2025-11-09|0|0|0|0|0|0|0|0|0|0|1|0.0|null|2025",
                "2025-11-10|2025-11-16|0|0|0|0|0|0|0|0|0|0|1|0.0|null|2025",
                // in force Thu 11-20 -> week 11-17 .. 11-23: entered 1, in force 1, pending 0; 6.0
                "2025-11-17|2025-11-23|0|0|0|0|0|0|0|1|0|1|0|6.0|6.0|2025",
                "2025-11-24|2025-11-30|0|0|0|0|0|0|0|0|0|1|0|0.0|null|2025",
                "2025-12-01|2025-12-07|0|0|0|0|0|0|0|0|0|1|0|0.0|null|2025",
                "2025-12-08|2025-12-14|0|0|0|0|0|0|0|0|0|1|0|0.0|null|2025",
                // ended Mon 12-15 -> week 12-15 .. 12-21: ended 1, in force 0
                "2025-12-15|2025-12-21|0|0|0|0|0|0|0|0|1|0|0|0.0|null|2025",
                "2025-12-22|2025-12-28|0|0|0|0|0|0|0|0|0|0|0|0.0|null|2025",
                // the as-of week ends in 2026 but is partitioned by its start: year 2025
                "2025-12-29|2026-01-04|0|0|0|0|0|0|0|0|0|0|0|0.0|null|2025");
    }

    @Test
    void quarters() {
        assertLines(lines(is("grain", "quarter").and(EVENTS_ONLY.negate()), COLUMNS),
                // Q3 (07-01..09-30): st-1, st-2, announced; score 4.0 + 1.0 + 5.2 = 10.2 / 3 = 3.4
                row("BHR|PAK|counter_narcotics|2025-07-01|2025-09-30", "2|1|1|3|2", "1|0|0|0|0|1", NO_SEIZURES,
                        "10.2|3.4"),
                // Q4 (10-01..12-31): signed, entered and ended; at 12-31 ended -> in force 0, pending 0;
                // score 8.0 + 6.0 = 14.0 over 2 weighted -> 7.0
                row("BHR|PAK|counter_narcotics|2025-10-01|2025-12-31", NO_STATEMENTS, "0|1|1|1|0|0", NO_SEIZURES,
                        "14.0|7.0"),
                row("BHR|PAK|coast_guard|2025-07-01|2025-09-30", NO_STATEMENTS, "1|0|0|0|0|1", NO_SEIZURES,
                        "5.2|5.2"),
                row("BHR|PAK|coast_guard|2025-10-01|2025-12-31", NO_STATEMENTS, "0|1|1|1|0|0", NO_SEIZURES,
                        "14.0|7.0"),
                // st-1 intent 4.0 + st-3 praise 3.4 = 7.4 / 2 = 3.7
                row("BHR|PAK|intelligence_sharing|2025-07-01|2025-09-30", "2|0|2|3|1", NO_AGREEMENTS, NO_SEIZURES,
                        "7.4|3.7"),
                row("BHR|PAK|intelligence_sharing|2025-10-01|2025-12-31", NO_STATEMENTS, NO_AGREEMENTS, NO_SEIZURES,
                        NO_SCORE),
                // as in November
                row("IRN|PAK|counter_narcotics|2025-10-01|2025-12-31", NO_STATEMENTS, NO_AGREEMENTS,
                        "2|120.5|5000.0|251000.50|1|5000000.00", "7.4|7.4"),
                row("AFG|IRN|border_security|2025-10-01|2025-12-31", NO_STATEMENTS, "0|1|0|0|0|1", NO_SEIZURES,
                        "8.0|8.0"),
                row("AFG|PAK|border_security|2025-10-01|2025-12-31", NO_STATEMENTS, "0|1|0|0|0|1", NO_SEIZURES,
                        "8.0|8.0"),
                row("IRN|PAK|border_security|2025-10-01|2025-12-31", NO_STATEMENTS, "0|1|0|0|0|1", NO_SEIZURES,
                        "8.0|8.0"),
                // st-4 + st-5: 2 statements, a_to_b 1, b_to_a 1, sources 1 + 2 = 3, speakers 2;
                // score -2.0 + 3.0 = 1.0 over 2 -> 0.5
                row("AFG|PAK|counter_terrorism|2025-10-01|2025-12-31", "2|1|1|3|2", NO_AGREEMENTS, NO_SEIZURES,
                        "1.0|0.5"));
    }

    @Test
    void years() {
        assertLines(lines(is("grain", "year").and(EVENTS_ONLY.negate()), COLUMNS),
                // everything of 2025: statements as in Sep; announced, signed, entered, ended 1 each; at 12-31
                // in force 0, pending 0; score 4.0 + 1.0 + 5.2 + 8.0 + 6.0 = 24.2 over 5 weighted -> 4.84
                row("BHR|PAK|counter_narcotics|2025-01-01|2025-12-31", "2|1|1|3|2", "1|1|1|1|0|0", NO_SEIZURES,
                        "24.2|4.84"),
                // 5.2 + 8.0 + 6.0 = 19.2 over 3 -> 6.4
                row("BHR|PAK|coast_guard|2025-01-01|2025-12-31", NO_STATEMENTS, "1|1|1|1|0|0", NO_SEIZURES,
                        "19.2|6.4"),
                row("BHR|PAK|intelligence_sharing|2025-01-01|2025-12-31", "2|0|2|3|1", NO_AGREEMENTS, NO_SEIZURES,
                        "7.4|3.7"),
                row("IRN|PAK|counter_narcotics|2025-01-01|2025-12-31", NO_STATEMENTS, NO_AGREEMENTS,
                        "2|120.5|5000.0|251000.50|1|5000000.00", "7.4|7.4"),
                row("AFG|IRN|border_security|2025-01-01|2025-12-31", NO_STATEMENTS, "0|1|0|0|0|1", NO_SEIZURES,
                        "8.0|8.0"),
                row("AFG|PAK|border_security|2025-01-01|2025-12-31", NO_STATEMENTS, "0|1|0|0|0|1", NO_SEIZURES,
                        "8.0|8.0"),
                row("IRN|PAK|border_security|2025-01-01|2025-12-31", NO_STATEMENTS, "0|1|0|0|0|1", NO_SEIZURES,
                        "8.0|8.0"),
                // as in Q4
                row("AFG|PAK|counter_terrorism|2025-01-01|2025-12-31", "2|1|1|3|2", NO_AGREEMENTS, NO_SEIZURES,
                        "1.0|0.5"));
    }

    @Test
    void sameRowsWhateverThePartitionCount() {
        // Week and month only, to keep the test quick: week has the longest running sums (18 periods).
        List<Grain> grains = List.of(Grain.WEEK, Grain.MONTH);
        List<String> expected = collected.stream().filter(is("grain", "week").or(is("grain", "month")))
                .map(SparkTestSupport::line).sorted().collect(Collectors.toList());
        for (int n : new int[] {1, 7}) {
            Dataset<Row> again = DyadSectorPeriod.compute(Facts.build(statements.repartition(n),
                    agreements.repartition(n), seizures.repartition(n), events.repartition(n), ref, AS_OF),
                    ref.sectors().values(), grains, AS_OF);
            assertEquals(expected, rows(again), "input in " + n + " partition(s)");
        }
    }

    @Test
    void sortingOnTwoNumbersGivesTheSameRows() {
        // More sector ids than the one-number order has room for: the facts are sorted on two numbers instead
        // (sectors() maps every alias to its id, so the ids are counted apart).
        List<String> sectors = new ArrayList<>(ref.sectors().values());
        for (int i = 0; new TreeSet<>(sectors).size() <= DyadSectorPeriod.MAX_ORDERED_SECTORS; i++) {
            sectors.add("unused_" + i);
        }
        Dataset<Row> again = DyadSectorPeriod.compute(Facts.build(statements, agreements, seizures, events, ref,
                AS_OF), sectors, GRAINS, AS_OF);
        assertEquals(collected.stream().map(SparkTestSupport::line).sorted().collect(Collectors.toList()),
                rows(again));
    }

    @Test
    void aFactInASectorNotListedStopsTheReport() {
        List<String> sectors = new ArrayList<>(ref.sectors().values());
        sectors.removeIf("diplomacy"::equals);
        Dataset<Row> again = DyadSectorPeriod.compute(Facts.build(statements, agreements, seizures, events, ref,
                AS_OF), sectors, GRAINS, AS_OF);
        Exception e = assertThrows(Exception.class, again::collectAsList);
        assertTrue(e.getMessage().contains("the sector 'diplomacy' of a fact is not in sectors.csv"), e.getMessage());
    }
}
