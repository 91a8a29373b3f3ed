package org.coopmetrics.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.coopmetrics.CoopMetricsJob;
import org.coopmetrics.config.ConfigLoader;
import org.coopmetrics.config.JobConfig;
import org.coopmetrics.report.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Validate, normalise and aggregate the curated inputs; publish Parquet reports and a manifest.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--output", paramLabel = "DIR", description = "Report folder (any Hadoop path).")
    String output;

    @Option(names = "--grain", paramLabel = "GRAINS",
            description = "Comma-separated periods: day, week, month, quarter, year. Default: all five.")
    String grains;

    @Option(names = "--max-quarantine-ratio", paramLabel = "R",
            description = "Fail (exit 3, publish nothing) when more than this share of any dataset is quarantined. "
                    + "Default: 0.05.")
    Double maxQuarantineRatio;

    @Option(names = "--incremental",
            description = "Rewrite only the report partitions touched by rows recorded since the last succeeded "
                    + "run (its manifest's watermark); falls back to a full run when that is not possible.")
    Boolean incremental;

    @Override
    public Integer call() {
        JobConfig config = JobConfig.resolve(
                new JobConfig.Flags(common.input, output, common.asOf, grains, maxQuarantineRatio, common.referenceDir,
                        incremental, common.eventsMinMentions),
                ConfigLoader.load(common.config, new Configuration()), true);
        SparkSession spark = SparkSession.builder().appName("coopmetrics").getOrCreate();
        Manifest manifest = new CoopMetricsJob(spark, config).run();
        Summary.print(System.out, manifest);
        String where = org.coopmetrics.report.Redaction.path(config.output());
        System.out.println("reports: " + where + " (manifest: " + where + "/_manifest.json)");
        return 0;
    }
}
