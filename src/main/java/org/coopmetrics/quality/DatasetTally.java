package org.coopmetrics.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.SortedMap;

/**
 * What became of one dataset's rows: {@code read = accepted + quarantined + superseded + after_as_of}, the
 * quarantined rows by reason, the latest valid {@code recorded_at} (the incremental watermark, null when
 * none), and the files read and ignored. Written in the manifest under {@code datasets.<name>}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"read", "accepted", "quarantined", "superseded", "after_as_of", "quarantined_by_reason",
        "watermark", "files", "ignored_files"})
public record DatasetTally(long read, long accepted, long quarantined, long superseded, long afterAsOf,
                           SortedMap<String, Long> quarantinedByReason,
                           @JsonInclude(JsonInclude.Include.ALWAYS) String watermark,
                           int files, List<String> ignoredFiles) {

    /** Rows with a status, which must be every row read. */
    public long settled() {
        return accepted + quarantined + superseded + afterAsOf;
    }
}
