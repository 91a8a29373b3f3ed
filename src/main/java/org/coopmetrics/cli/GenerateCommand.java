package org.coopmetrics.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.coopmetrics.generate.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write synthetic curated inputs (statements, agreements, seizures in JSON Lines and CSV), "
                + "optionally GDELT 2.0 event export files (DIR/events, --events), a reference FX table for them "
                + "(DIR/reference) and DIR/_generator.json with the counts a run as of " + Generator.AS_OF
                + " must report. No Spark needed.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder to write (any Hadoop path); must be new or empty unless --overwrite.")
    String out;

    @Option(names = "--rows", paramLabel = "N", required = true,
            description = "Input rows in all, e.g. 3000, 100k, 1M, 10M (45%% statements, 5%% agreements, 50%% seizures).")
    String rows;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed. Default: 42.")
    long seed;

    @Option(names = "--files", paramLabel = "N", defaultValue = "8",
            description = "Files per dataset, alternately .jsonl and .csv. Default: 8.")
    int files;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Files written at once; the output does not depend on it. Default: one per core.")
    int threads;

    @Option(names = "--overwrite", description = "Replace generated data already in --out.")
    boolean overwrite;

    @Option(names = "--events", paramLabel = "N", defaultValue = "0",
            description = "GDELT 2.0 event rows to write in DIR/events, e.g. 10k, 1M, 10M: tab-separated "
                    + "yyyyMMddHHmmss.export.CSV files, one 15-minute batch each (--files of them over 2018-2025, "
                    + "plus from 100 rows on a 1%% batch just after " + Generator.AS_OF + "). Default: 0 (none).")
    String events;

    @Option(names = "--events-zipped", paramLabel = "SHARE", defaultValue = "0",
            description = "Share of the event files written zipped as GDELT publishes them (*.export.CSV.zip, "
                    + "one entry), spread evenly: 0.25 zips every fourth, 1 all. Default: 0.")
    double eventsZipped;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        Generator.Result result = Generator.generate(
                new Generator.Settings(out, Generator.parseCount(rows), seed, files, threads, overwrite,
                        Generator.BAD_SHARE, Generator.REVISION_SHARE, Generator.parseCount(events), eventsZipped),
                new Configuration());
        Map<String, Object> datasets = (Map<String, Object>) result.description().get("datasets");
        System.out.printf("generated %d rows (%.1f MB) in %.1f s into %s%n", (long) result.description().get("rows")
                        + (datasets.containsKey(Generator.EVENTS)
                        ? (long) ((Map<String, Object>) datasets.get(Generator.EVENTS)).get("rows") : 0L),
                result.bytes() / 1e6, result.millis() / 1000.0, result.root());
        System.out.printf("%-12s %10s %10s %10s%n", "dataset", "rows", "revisions", "spoilt");
        datasets.forEach((name, value) -> {
            Map<String, Object> d = (Map<String, Object>) value;
            System.out.printf("%-12s %10d %10d %10d%n", name, d.get("rows"),
                    d.getOrDefault("revision_rows", d.get("repeated_id_rows")), d.get("bad_rows"));
        });
        System.out.println("run it with: --input " + result.root() + " --reference-dir " + result.root() + "/"
                + Generator.REFERENCE + " --as-of " + Generator.AS_OF);
        return 0;
    }
}
