package org.coopmetrics.incremental;

import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coopmetrics.Version;
import org.coopmetrics.config.JobConfig;
import org.coopmetrics.ingest.Ingested;
import org.coopmetrics.report.Manifest;
import org.coopmetrics.report.ReportStore;

/** Plans an incremental run: reads the published manifest, gathers what was touched, lets the planner decide. */
public final class IncrementalPlanning {
    private IncrementalPlanning() {
    }

    /** A plan, or null with the reasons in {@code why} when only a full run is sound. */
    public static IncrementalPlan plan(ReportStore store, JobConfig config, List<Ingested> datasets,
                                       Map<String, String> reference, List<String> why) throws IOException {
        Manifest previous = store.publishedManifest();
        IncrementalPlanner.Run run = new IncrementalPlanner.Run(config.grains(), config.asOf(), reference,
                Version.get(), datasets.stream().map(d -> d.spec().id()).toList(), config.eventsMinMentions());
        why.addAll(IncrementalPlanner.whyFull(previous, run));
        if (!why.isEmpty()) {
            return null;
        }
        Map<String, String> watermarks = new HashMap<>();
        previous.datasets().forEach((name, tally) -> watermarks.put(name, tally.watermark()));
        LocalDate[] range = IncrementalPlanner.asOfRange(previous, config.asOf());
        Touched touched = TouchedRecords.gather(datasets, watermarks, range[0], range[1], config.grains());
        return IncrementalPlanner.decide(previous, run, touched);
    }
}
