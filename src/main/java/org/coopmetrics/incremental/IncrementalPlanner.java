package org.coopmetrics.incremental;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.coopmetrics.config.Grain;
import org.coopmetrics.config.JobConfig;
import org.coopmetrics.metrics.Periods;
import org.coopmetrics.report.Manifest;
import org.coopmetrics.report.Partition;

/**
 * Decides, on plain values, which report partitions a run must rewrite given the last succeeded run. A record
 * is touched when any of its versions was recorded after that run's watermark (so a revision re-opens the
 * periods of its old version too), or when its date lies between the two runs' as-of dates.
 * {@code country_seizure_period} rewrites the (grain, year) partitions of touched seizures;
 * {@code dyad_sector_period} carries state from period to period (agreements in force, zero-filling), so it
 * rewrites every year from the first touched one to the as-of year. The small reports are rewritten whole.
 * The facts come from {@link TouchedRecords}.
 */
public final class IncrementalPlanner {
    private IncrementalPlanner() {
    }

    /**
     * The run an incremental plan is for: its grains, as-of date, reference tables, version, datasets and
     * {@code events_min_mentions} (which moves events in and out of scope).
     */
    public record Run(List<Grain> grains, LocalDate asOf, Map<String, String> reference, String appVersion,
                      List<String> datasets, long eventsMinMentions) {
        public Run(List<Grain> grains, LocalDate asOf, Map<String, String> reference, String appVersion,
                   List<String> datasets) {
            this(grains, asOf, reference, appVersion, datasets, JobConfig.DEFAULT_EVENTS_MIN_MENTIONS);
        }
    }

    /** Why only a full run is sound on top of {@code previous} (null: nothing published); empty when none. */
    public static List<String> whyFull(Manifest previous, Run run) {
        List<String> why = new ArrayList<>();
        if (previous == null) {
            why.add("no published run yet");
            return why;
        }
        List<String> grains = run.grains().stream().map(Grain::id).toList();
        if (!Manifest.SUCCEEDED.equals(previous.status())) {
            why.add("the published manifest is not of a succeeded run");
        } else if (previous.config() == null || !grains.equals(previous.config().grains())) {
            why.add("the grains differ from the published run's");
        } else if (!Objects.equals(run.reference(), previous.reference())) {
            why.add("the reference tables differ from the published run's");
        } else if (!Objects.equals(run.appVersion(), previous.appVersion())) {
            why.add("the published run was made by another version");
        } else if (run.eventsMinMentions() != previous.config().eventsMinMentions()) {
            why.add("events_min_mentions differs from the published run's");
        }
        for (String d : run.datasets()) {
            if (previous.datasets() == null || !previous.datasets().containsKey(d)) {
                why.add("the published manifest has no watermark for " + d);
            }
        }
        return why;
    }

    /** The earlier and the later of the two runs' as-of dates: rows dated between them are touched. */
    public static LocalDate[] asOfRange(Manifest previous, LocalDate asOf) {
        LocalDate prevAsOf = LocalDate.parse(previous.asOf());
        return prevAsOf.isBefore(asOf) ? new LocalDate[] {prevAsOf, asOf} : new LocalDate[] {asOf, prevAsOf};
    }

    /** The partitions to rewrite, given what was touched (dates after the later as-of are not). */
    public static IncrementalPlan decide(Manifest previous, Run run, Touched touched) {
        LocalDate prevAsOf = LocalDate.parse(previous.asOf());
        LocalDate[] range = asOfRange(previous, run.asOf());
        LocalDate lo = range[0];
        LocalDate hi = range[1];
        boolean asOfMoved = !prevAsOf.equals(run.asOf());
        List<Partition> dyad = new ArrayList<>();
        SortedSet<Partition> seizures = new TreeSet<>();
        for (Grain g : run.grains()) {
            // Period starts never decrease with the date: the earliest date gives the first year.
            Integer from = touched.earliest() == null ? null : Periods.yearOf(g, touched.earliest());
            if (asOfMoved) {
                int prevYear = Periods.yearOf(g, lo);
                from = from == null ? prevYear : Math.min(from, prevYear);
            }
            if (from != null) {
                int last = Math.max(Periods.yearOf(g, run.asOf()), Periods.yearOf(g, hi));
                for (int y = from; y <= last; y++) {
                    dyad.add(new Partition(g, y));
                }
            }
            touched.seizureYears().getOrDefault(g, new TreeSet<>()).forEach(y -> seizures.add(new Partition(g, y)));
        }
        return new IncrementalPlan(previous.runId(), Map.of("dyad_sector_period", dyad,
                "country_seizure_period", List.copyOf(seizures)));
    }
}
