package org.coopmetrics.incremental;

import java.time.LocalDate;
import java.util.Map;
import java.util.SortedSet;
import org.coopmetrics.config.Grain;

/**
 * What changed since the published run, as plain values: the earliest date of any touched record (null when
 * none), and per grain the years of the periods holding touched seizures.
 */
public record Touched(LocalDate earliest, Map<Grain, SortedSet<Integer>> seizureYears) {
    public Touched {
        seizureYears = Map.copyOf(seizureYears);
    }
}
