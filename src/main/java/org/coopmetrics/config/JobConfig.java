package org.coopmetrics.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.coopmetrics.JobException;
import org.coopmetrics.report.Redaction;

/** The validated settings of one run: flags merged over the config file, checked before Spark starts. */
public record JobConfig(
        String input,
        String output,
        LocalDate asOf,
        List<Grain> grains,
        double maxQuarantineRatio,
        String referenceDir,
        Set<String> optionalDatasets,
        int maxRecordBytes,
        boolean incremental,
        long eventsMinMentions) {

    public static final double DEFAULT_MAX_QUARANTINE_RATIO = 0.05;
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;
    public static final List<String> DATASETS = List.of("statements", "agreements", "seizures");
    /** GDELT events mentioned fewer times are out of scope (contract section 6). */
    public static final long DEFAULT_EVENTS_MIN_MENTIONS = 1;

    /** Settings with events' default minimum of mentions. */
    public JobConfig(String input, String output, LocalDate asOf, List<Grain> grains, double maxQuarantineRatio,
                     String referenceDir, Set<String> optionalDatasets, int maxRecordBytes, boolean incremental) {
        this(input, output, asOf, grains, maxQuarantineRatio, referenceDir, optionalDatasets, maxRecordBytes,
                incremental, DEFAULT_EVENTS_MIN_MENTIONS);
    }

    /** Values given on the command line; null means "not given". */
    public record Flags(String input, String output, String asOf, String grains, Double maxQuarantineRatio,
                        String referenceDir, Boolean incremental, Long eventsMinMentions) {
        public Flags(String input, String output, String asOf, String grains, Double maxQuarantineRatio,
                     String referenceDir) {
            this(input, output, asOf, grains, maxQuarantineRatio, referenceDir, null, null);
        }
    }

    /**
     * Merges flags over the file and validates everything, naming the flag or key at fault.
     *
     * @param needOutput whether the command writes reports (run) or not (validate)
     */
    public static JobConfig resolve(Flags flags, ConfigFile file, boolean needOutput) {
        String input = pick(flags.input(), file.input());
        if (input == null || input.isBlank()) {
            throw JobException.usage("--input (config key 'input') is required");
        }
        String output = pick(flags.output(), file.output());
        if (needOutput && (output == null || output.isBlank())) {
            throw JobException.usage("--output (config key 'output') is required");
        }
        LocalDate asOf = parseAsOf(flags.asOf() != null ? flags.asOf() : file.asOf(),
                flags.asOf() != null ? "--as-of" : "config key 'as_of'");
        List<Grain> grains = parseGrains(flags.grains(), file.grains());
        double ratio = flags.maxQuarantineRatio() != null ? flags.maxQuarantineRatio()
                : file.maxQuarantineRatio() != null ? file.maxQuarantineRatio() : DEFAULT_MAX_QUARANTINE_RATIO;
        if (!(ratio >= 0.0 && ratio <= 1.0)) {
            throw JobException.usage((flags.maxQuarantineRatio() != null ? "--max-quarantine-ratio"
                    : "config key 'max_quarantine_ratio'") + " must be between 0 and 1, got " + ratio);
        }
        Set<String> optional = new TreeSet<>();
        if (file.optionalDatasets() != null) {
            for (String d : file.optionalDatasets()) {
                if (!DATASETS.contains(d)) {
                    throw JobException.usage("config key 'optional_datasets': unknown dataset '" + d
                            + "' (expected " + String.join(", ", DATASETS) + ")");
                }
                optional.add(d);
            }
        }
        int maxRecordBytes = file.maxRecordBytes() != null ? file.maxRecordBytes() : DEFAULT_MAX_RECORD_BYTES;
        if (maxRecordBytes < 1024) {
            throw JobException.usage("config key 'max_record_bytes' must be at least 1024, got " + maxRecordBytes);
        }
        boolean incremental = flags.incremental() != null ? flags.incremental()
                : file.incremental() != null && file.incremental();
        long minMentions = flags.eventsMinMentions() != null ? flags.eventsMinMentions()
                : file.eventsMinMentions() != null ? file.eventsMinMentions() : DEFAULT_EVENTS_MIN_MENTIONS;
        if (minMentions < 1) {
            throw JobException.usage((flags.eventsMinMentions() != null ? "--events-min-mentions"
                    : "config key 'events_min_mentions'") + " must be at least 1, got " + minMentions);
        }
        return new JobConfig(input, output, asOf, grains, ratio, pick(flags.referenceDir(), file.referenceDir()),
                optional, maxRecordBytes, incremental, minMentions);
    }

    private static String pick(String flag, String file) {
        return flag != null ? flag : file;
    }

    private static LocalDate parseAsOf(String text, String name) {
        if (text == null) {
            return LocalDate.now(ZoneOffset.UTC);
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw JobException.usage(name + ": '" + text + "' is not a date like 2025-12-31");
        }
    }

    private static List<Grain> parseGrains(String flag, List<String> file) {
        List<String> names = new ArrayList<>();
        String name;
        if (flag != null) {
            name = "--grain";
            for (String part : flag.split(",")) {
                names.add(part);
            }
        } else if (file != null) {
            name = "config key 'grains'";
            names.addAll(file);
        } else {
            return List.of(Grain.values());
        }
        Set<Grain> grains = new TreeSet<>();
        for (String n : names) {
            try {
                grains.add(Grain.parse(n));
            } catch (IllegalArgumentException e) {
                throw JobException.usage(name + ": " + e.getMessage());
            }
        }
        if (grains.isEmpty()) {
            throw JobException.usage(name + ": at least one grain is required");
        }
        return List.copyOf(grains);
    }

    /** The settings as they go into the manifest (paths without credentials). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Described(String input, String output, String asOf, List<String> grains,
                            double maxQuarantineRatio, String referenceDir, List<String> optionalDatasets,
                            int maxRecordBytes, boolean incremental, long eventsMinMentions) {
    }

    public Described describe() {
        return new Described(Redaction.path(input), Redaction.path(output), asOf.toString(),
                grains.stream().map(Grain::id).toList(), maxQuarantineRatio, Redaction.path(referenceDir),
                List.copyOf(optionalDatasets), maxRecordBytes, incremental, eventsMinMentions);
    }
}
