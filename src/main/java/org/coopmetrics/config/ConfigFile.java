package org.coopmetrics.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The JSON job configuration as written by a user (for example {@code jobs/nightly.json}).
 * Every key is optional here; {@link JobConfig#resolve} merges flags over it and validates the result.
 */
public record ConfigFile(
        @JsonProperty("input") String input,
        @JsonProperty("output") String output,
        @JsonProperty("as_of") String asOf,
        @JsonProperty("grains") List<String> grains,
        @JsonProperty("max_quarantine_ratio") Double maxQuarantineRatio,
        @JsonProperty("reference_dir") String referenceDir,
        @JsonProperty("optional_datasets") List<String> optionalDatasets,
        @JsonProperty("max_record_bytes") Integer maxRecordBytes,
        @JsonProperty("incremental") Boolean incremental,
        @JsonProperty("events_min_mentions") Long eventsMinMentions) {

    public static final List<String> KEYS = List.of(
            "input", "output", "as_of", "grains", "max_quarantine_ratio", "reference_dir",
            "optional_datasets", "max_record_bytes", "incremental", "events_min_mentions");

    public static ConfigFile empty() {
        return new ConfigFile(null, null, null, null, null, null, null, null, null, null);
    }
}
