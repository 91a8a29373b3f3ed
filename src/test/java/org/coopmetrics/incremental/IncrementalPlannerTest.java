package org.coopmetrics.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.coopmetrics.config.Grain;
import org.coopmetrics.config.JobConfig;
import org.coopmetrics.quality.DatasetTally;
import org.coopmetrics.report.Manifest;
import org.coopmetrics.report.Partition;
import org.junit.jupiter.api.Test;

/** The planner's decisions on plain values: no SparkSession, no files. */
class IncrementalPlannerTest {
    static final List<String> DATASETS = List.of("statements", "agreements", "seizures");
    static final Map<String, String> REFERENCE = Map.of("countries.csv", "bundled:reference/countries.csv");

    /** A published run of {@code grains} as of {@code asOf}, made by version 1.0 with {@link #REFERENCE}. */
    static Manifest published(String status, List<Grain> grains, String asOf, List<String> datasets) {
        JobConfig config = new JobConfig("in", "out", LocalDate.parse(asOf), grains, 0.05, null, Set.of(),
                JobConfig.DEFAULT_MAX_RECORD_BYTES, true);
        Map<String, DatasetTally> tallies = new TreeMap<>();
        datasets.forEach(d -> tallies.put(d, new DatasetTally(1, 1, 0, 0, 0, 0, new TreeMap<>(), new TreeMap<>(),
                "2025-06-01T00:00:00Z", 1, List.of())));
        Manifest m = Manifest.running("R1", config, Instant.parse("2026-01-01T00:00:00Z"), "1.0", "4.2.0", Map.of(),
                REFERENCE).withDatasets(tallies);
        return Manifest.SUCCEEDED.equals(status) ? m.succeeded("full", null, null, Map.of(), Map.of(), Map.of())
                : m.rejected(new org.coopmetrics.quality.QualityGate(0.05, List.of("x")), "rejected");
    }

    static Manifest published(List<Grain> grains, String asOf) {
        return published(Manifest.SUCCEEDED, grains, asOf, DATASETS);
    }

    static IncrementalPlanner.Run run(List<Grain> grains, String asOf) {
        return new IncrementalPlanner.Run(grains, LocalDate.parse(asOf), REFERENCE, "1.0", DATASETS);
    }

    static Map<Grain, java.util.SortedSet<Integer>> years(Grain g, Integer... ys) {
        return Map.of(g, new TreeSet<>(List.of(ys)));
    }

    static List<Partition> parts(String... paths) {
        return java.util.Arrays.stream(paths).map(Partition::parse).toList();
    }

    @Test
    void noPublishedRunMeansFull() {
        assertEquals(List.of("no published run yet"),
                IncrementalPlanner.whyFull(null, run(List.of(Grain.MONTH), "2025-12-31")));
    }

    @Test
    void aPublishedRunOfOtherSettingsMeansFull() {
        List<Grain> month = List.of(Grain.MONTH);
        assertEquals(List.of("the published manifest is not of a succeeded run"), IncrementalPlanner.whyFull(
                published(Manifest.FAILED_QUALITY_GATE, month, "2025-12-31", DATASETS), run(month, "2025-12-31")));
        assertEquals(List.of("the grains differ from the published run's"), IncrementalPlanner.whyFull(
                published(month, "2025-12-31"), run(List.of(Grain.MONTH, Grain.YEAR), "2025-12-31")));
        assertEquals(List.of("the reference tables differ from the published run's"), IncrementalPlanner.whyFull(
                published(month, "2025-12-31"), new IncrementalPlanner.Run(month, LocalDate.parse("2025-12-31"),
                        Map.of("countries.csv", "/mine/countries.csv"), "1.0", DATASETS)));
        assertEquals(List.of("the published run was made by another version"), IncrementalPlanner.whyFull(
                published(month, "2025-12-31"), new IncrementalPlanner.Run(month, LocalDate.parse("2025-12-31"),
                        REFERENCE, "1.1", DATASETS)));
        assertEquals(List.of("the published manifest has no watermark for seizures"), IncrementalPlanner.whyFull(
                published(Manifest.SUCCEEDED, month, "2025-12-31", List.of("statements", "agreements")),
                run(month, "2025-12-31")));
        assertEquals(List.of("events_min_mentions differs from the published run's"), IncrementalPlanner.whyFull(
                published(month, "2025-12-31"), new IncrementalPlanner.Run(month, LocalDate.parse("2025-12-31"),
                        REFERENCE, "1.0", DATASETS, 3)));
        assertEquals(List.of(), IncrementalPlanner.whyFull(published(month, "2025-12-31"), run(month, "2025-12-31")));
    }

    @Test
    void touchedDatesReopenTheirYearsUpToTheAsOfYear() {
        // A statement of 2024-03-10 was revised: dyad_sector_period is rewritten from 2024 to 2025 (state carries
        // over), country_seizure_period only in the years of touched seizures.
        List<Grain> grains = List.of(Grain.MONTH, Grain.YEAR);
        Map<Grain, java.util.SortedSet<Integer>> seizures = new java.util.EnumMap<>(Grain.class);
        seizures.put(Grain.MONTH, new TreeSet<>(List.of(2025)));
        seizures.put(Grain.YEAR, new TreeSet<>(List.of(2025)));
        IncrementalPlan plan = IncrementalPlanner.decide(published(grains, "2025-12-31"), run(grains, "2025-12-31"),
                new Touched(LocalDate.parse("2024-03-10"), seizures));
        assertEquals("R1", plan.previousRun());
        assertEquals(parts("grain=month/year=2024", "grain=month/year=2025", "grain=year/year=2024",
                "grain=year/year=2025"), plan.partitions().get("dyad_sector_period"));
        assertEquals(parts("grain=month/year=2025", "grain=year/year=2025"),
                plan.partitions().get("country_seizure_period"));
    }

    @Test
    void nothingTouchedAndTheSameAsOfRewritesNothing() {
        List<Grain> grains = List.of(Grain.MONTH);
        IncrementalPlan plan = IncrementalPlanner.decide(published(grains, "2025-12-31"), run(grains, "2025-12-31"),
                new Touched(null, years(Grain.MONTH)));
        assertEquals(Map.of("dyad_sector_period", List.of(), "country_seizure_period", List.of()), plan.partitions());
    }

    @Test
    void aLaterAsOfReopensThePreviousAsOfYear() {
        // Published as of 2024-12-31, now 2025-01-31: zero-filling extends from the old as-of period on.
        List<Grain> grains = List.of(Grain.QUARTER, Grain.YEAR);
        IncrementalPlan plan = IncrementalPlanner.decide(published(grains, "2024-12-31"), run(grains, "2025-01-31"),
                new Touched(null, Map.of()));
        assertEquals(parts("grain=quarter/year=2024", "grain=quarter/year=2025", "grain=year/year=2024",
                "grain=year/year=2025"), plan.partitions().get("dyad_sector_period"));
        assertEquals(List.of(), plan.partitions().get("country_seizure_period"));
    }

    @Test
    void anIsoWeekBelongsToTheYearOfItsMonday() {
        // 2025-01-01 is a Wednesday: its week starts on Monday 2024-12-30, a 2024 partition of the week grain.
        List<Grain> grains = List.of(Grain.DAY, Grain.WEEK);
        IncrementalPlan plan = IncrementalPlanner.decide(published(grains, "2025-12-31"), run(grains, "2025-12-31"),
                new Touched(LocalDate.parse("2025-01-01"), years(Grain.WEEK, 2024, 2025)));
        assertEquals(parts("grain=day/year=2025", "grain=week/year=2024", "grain=week/year=2025"),
                plan.partitions().get("dyad_sector_period"));
        // Listed by folder name, as the manifest has them.
        assertEquals(parts("grain=week/year=2024", "grain=week/year=2025"),
                plan.partitions().get("country_seizure_period"));
        assertEquals(List.of("country_seizure_period", "dyad_sector_period"), List.copyOf(plan.partitions().keySet()));
    }

    @Test
    void partitionsAreTheirFolderNames() {
        Partition p = Partition.parse("grain=quarter/year=2019");
        assertEquals(new Partition(Grain.QUARTER, 2019), p);
        assertEquals("grain=quarter/year=2019", p.path());
        assertThrows(IllegalArgumentException.class, () -> Partition.parse("grain=month"));
        assertThrows(IllegalArgumentException.class, () -> Partition.parse("grain=fortnight/year=2019"));
        TreeSet<Partition> sorted = new TreeSet<>(parts("grain=year/year=2020", "grain=month/year=2025",
                "grain=month/year=2019", "grain=day/year=2030"));
        assertEquals(parts("grain=day/year=2030", "grain=month/year=2019", "grain=month/year=2025",
                "grain=year/year=2020"), List.copyOf(sorted));
    }
}
