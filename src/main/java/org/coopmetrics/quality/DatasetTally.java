package org.coopmetrics.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What became of one dataset's rows: {@code read = accepted + quarantined + superseded + after_as_of +
 * out_of_scope}, the quarantined and the out-of-scope rows by reason, the latest valid {@code recorded_at} (the
 * incremental watermark, null when none), and the files read and ignored. Written in the manifest under
 * {@code datasets.<name>}. Only machine-coded events can be out of scope (contract section 6): the curated
 * datasets report 0, and a manifest written before the field existed reads as 0.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"read", "accepted", "quarantined", "superseded", "after_as_of", "out_of_scope",
        "quarantined_by_reason", "out_of_scope_by_reason", "watermark", "files", "ignored_files"})
public record DatasetTally(long read, long accepted, long quarantined, long superseded, long afterAsOf,
                           long outOfScope, SortedMap<String, Long> quarantinedByReason,
                           SortedMap<String, Long> outOfScopeByReason,
                           @JsonInclude(JsonInclude.Include.ALWAYS) String watermark,
                           int files, List<String> ignoredFiles) {
    public DatasetTally {
        outOfScopeByReason = outOfScopeByReason == null ? new TreeMap<>() : outOfScopeByReason;
    }

    /** Rows with a status, which must be every row read. */
    public long settled() {
        return accepted + quarantined + superseded + afterAsOf + outOfScope;
    }
}
