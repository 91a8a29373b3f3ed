package org.coopmetrics.quality;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quality gate: a dataset fails when more than {@code max_quarantine_ratio} of its rows are quarantined.
 * {@code run} and {@code validate} both decide with {@link #check}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record QualityGate(double maxQuarantineRatio, List<String> failed) {

    public static QualityGate check(Map<String, DatasetTally> tallies, double maxQuarantineRatio) {
        List<String> failing = new ArrayList<>();
        tallies.forEach((dataset, t) -> {
            if (t.read() > 0 && (double) t.quarantined() / t.read() > maxQuarantineRatio) {
                failing.add(String.format(Locale.ROOT, "%s: %d of %d rows quarantined (%.1f%% > %.1f%%)",
                        dataset, t.quarantined(), t.read(), 100.0 * t.quarantined() / t.read(),
                        100.0 * maxQuarantineRatio));
            }
        });
        return new QualityGate(maxQuarantineRatio, List.copyOf(failing));
    }

    @JsonIgnore
    public boolean passed() {
        return failed.isEmpty();
    }
}
