package org.coopmetrics.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.coopmetrics.CoopMetricsJob;
import org.coopmetrics.JobException;
import org.coopmetrics.config.ConfigFile;
import org.coopmetrics.config.ConfigLoader;
import org.coopmetrics.config.JobConfig;
import org.coopmetrics.report.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Parse and normalise only: print counts and the quarantine summary; publish nothing.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        ConfigFile file = ConfigLoader.load(common.config, new Configuration());
        JobConfig config = JobConfig.resolve(
                new JobConfig.Flags(common.input, null, common.asOf, null, null, common.referenceDir, null,
                        common.eventsMinMentions), file, false);
        SparkSession spark = SparkSession.builder().appName("coopmetrics-validate").getOrCreate();
        Manifest manifest = new CoopMetricsJob(spark, config).validate();
        Summary.print(System.out, manifest);
        List<String> examples = manifest.quarantineExamples();
        if (!examples.isEmpty()) {
            System.out.println("quarantined rows (first " + examples.size() + "):");
            examples.forEach(e -> System.out.println("  " + e));
        }
        if (Manifest.FAILED_QUALITY_GATE.equals(manifest.status())) {
            throw new JobException(JobException.QUALITY_GATE, "quality gate would fail: "
                    + String.join("; ", manifest.qualityGate().failed()));
        }
        return 0;
    }
}
