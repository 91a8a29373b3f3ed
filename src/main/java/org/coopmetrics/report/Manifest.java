package org.coopmetrics.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.coopmetrics.config.JobConfig;
import org.coopmetrics.quality.DatasetTally;
import org.coopmetrics.quality.QualityGate;

/**
 * The run manifest: what was read, what became of every row, what was written. The keys and their meaning are
 * the contract's; a key whose value is null is left out, except {@code finished_at} (null while running).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
        String runId,
        String status,
        String asOf,
        String startedAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) String finishedAt,
        String appVersion,
        String sparkVersion,
        JobConfig.Described config,
        Map<String, String> sparkConf,
        Map<String, String> reference,
        Map<String, DatasetTally> datasets,
        QualityGate qualityGate,
        String mode,
        List<String> incrementalFallback,
        Incremental incremental,
        Map<String, Long> timingsMs,
        Map<String, Long> reportTimingsMs,
        Map<String, ReportSummary> reports,
        String rejected,
        List<String> quarantineExamples) {

    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String VALID = "valid";
    public static final String FAILED_QUALITY_GATE = "failed_quality_gate";

    /** What an incremental run rewrote, and on top of which run. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Incremental(String previousRun, Map<String, List<Partition>> partitionsRewritten) {
    }

    /** One written report: its rows, its partition folders, and in an incremental run those rewritten. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReportSummary(long rows, int partitionsWritten, Integer partitionsRewritten) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A run that has started: what it runs on, nothing yet of what it found. */
    public static Manifest running(String runId, JobConfig config, Instant startedAt, String appVersion,
                                   String sparkVersion, Map<String, String> sparkConf, Map<String, String> reference) {
        return new Manifest(runId, RUNNING, config.asOf().toString(), startedAt.toString(), null, appVersion,
                sparkVersion, config.describe(), sparkConf, reference, null, null, null, null, null, null, null,
                null, null, null);
    }

    /** This manifest with the datasets' tallies. */
    public Manifest withDatasets(Map<String, DatasetTally> tallies) {
        return new Manifest(runId, status, asOf, startedAt, finishedAt, appVersion, sparkVersion, config, sparkConf,
                reference, tallies, qualityGate, mode, incrementalFallback, incremental, timingsMs, reportTimingsMs,
                reports, rejected, quarantineExamples);
    }

    /** Stopped by the quality gate: nothing published, the quarantine kept under {@code rejected}. */
    public Manifest rejected(QualityGate gate, String rejectedPath) {
        return new Manifest(runId, FAILED_QUALITY_GATE, asOf, startedAt, Instant.now().toString(), appVersion,
                sparkVersion, config, sparkConf, reference, datasets, gate, null, null, null, null, null, Map.of(),
                rejectedPath, null);
    }

    /** Validated only: the gate is given when it would fail, with the first quarantined rows for the console. */
    public Manifest validated(QualityGate gate, List<String> examples) {
        return new Manifest(runId, gate.passed() ? VALID : FAILED_QUALITY_GATE, asOf, startedAt,
                Instant.now().toString(), appVersion, sparkVersion, config, sparkConf, reference, datasets,
                gate.passed() ? null : gate, null, null, null, null, null, null, null, examples);
    }

    /** Every report written: how (full or incremental, with the reason for a fallback), timings and reports. */
    public Manifest succeeded(String runMode, List<String> fallback, Incremental rewritten, Map<String, Long> timings,
                              Map<String, Long> reportTimings, Map<String, ReportSummary> written) {
        return new Manifest(runId, SUCCEEDED, asOf, startedAt, Instant.now().toString(), appVersion, sparkVersion,
                config, sparkConf, reference, datasets, null, runMode, fallback, rewritten, timings, reportTimings,
                written, null, null);
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("manifest cannot be serialised", e);
        }
    }

    /** Writes next to the target and renames into place, so a reader never sees half a manifest. */
    public void write(FileSystem fs, Path target) throws IOException {
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(toJson().getBytes(StandardCharsets.UTF_8));
        }
        if (fs.exists(target)) {
            fs.delete(target, false);
        }
        if (!fs.rename(tmp, target)) {
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }

    public static Manifest read(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            return MAPPER.readValue(in, Manifest.class);
        }
    }
}
