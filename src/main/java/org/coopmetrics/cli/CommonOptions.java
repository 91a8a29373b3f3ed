package org.coopmetrics.cli;

import picocli.CommandLine.Option;

/** Options shared by every command. */
final class CommonOptions {
    @Option(names = "--input", paramLabel = "DIR",
            description = "Input folder holding statements/, agreements/ and seizures/, and optionally GDELT event "
                    + "files in events/ (any Hadoop path).")
    String input;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "Report as of this date (yyyy-MM-dd); later records are left out. Default: today (UTC).")
    String asOf;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON config file (keys: input, output, as_of, grains, max_quarantine_ratio, "
                    + "reference_dir, optional_datasets, max_record_bytes, incremental, events_min_mentions). "
                    + "Flags override it.")
    String config;

    @Option(names = "--events-min-mentions", paramLabel = "N",
            description = "GDELT events mentioned fewer than N times are out of scope (few_mentions). Default: 1.")
    Long eventsMinMentions;

    @Option(names = "--reference-dir", paramLabel = "DIR",
            description = "Folder whose reference tables (countries.csv, fx_rates.csv, ...) replace the bundled ones.")
    String referenceDir;
}
