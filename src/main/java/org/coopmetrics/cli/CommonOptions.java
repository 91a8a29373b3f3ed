package org.coopmetrics.cli;

import picocli.CommandLine.Option;

/** Options shared by every command. */
final class CommonOptions {
    @Option(names = "--input", paramLabel = "DIR",
            description = "Curated input folder holding statements/, agreements/ and seizures/ (any Hadoop path).")
    String input;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "Report as of this date (yyyy-MM-dd); later records are left out. Default: today (UTC).")
    String asOf;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON config file (keys: input, output, as_of, grains, max_quarantine_ratio, "
                    + "reference_dir, optional_datasets, max_record_bytes). Flags override it.")
    String config;

    @Option(names = "--reference-dir", paramLabel = "DIR",
            description = "Folder whose reference tables (countries.csv, fx_rates.csv, ...) replace the bundled ones.")
    String referenceDir;
}
