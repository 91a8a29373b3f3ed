package org.coopmetrics.incremental;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.coopmetrics.report.Partition;

/**
 * The report partitions an incremental run rewrites, by report, on top of the published run
 * {@code previousRun}. Reports not named here are rewritten whole.
 */
public record IncrementalPlan(String previousRun, Map<String, List<Partition>> partitions) {
    public IncrementalPlan {
        partitions = Collections.unmodifiableMap(new TreeMap<>(partitions)); // by name, as the manifest lists them
    }
}
