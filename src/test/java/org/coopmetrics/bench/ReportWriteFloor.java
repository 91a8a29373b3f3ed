package org.coopmetrics.bench;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.coopmetrics.metrics.Reports;
import org.coopmetrics.report.ReportStore;

/**
 * A probe for docs/performance.md, not a contender of {@code jobs/bench}: what writing a run's reports costs with
 * nothing else to do. It reads the five reports of a finished run back from Parquet and writes each again as the
 * job writes it ({@link ReportStore#write}, the same partitioning), one after the other, timing each. With the
 * floor (b), it bounds from below what any job that reads these inputs and writes these reports must spend.
 *
 * <p>Usage: started like (b) (see {@code Bench.commandB}) with main class {@code ReportWriteFloor REPORTS OUT},
 * REPORTS the output folder of a run. Not a test.
 */
public final class ReportWriteFloor {
    private ReportWriteFloor() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ReportWriteFloor REPORTS OUT");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("coopmetrics-report-write-floor").getOrCreate();
        long start = System.nanoTime();
        for (String name : Reports.NAMES) {
            Dataset<Row> report = spark.read().parquet(new Path(args[0], name).toString());
            String[] partitionBy = Reports.PARTITIONED.contains(name) ? new String[] {"grain", "year"} : new String[0];
            long t = System.nanoTime();
            ReportStore.write(report, new Path(args[1], name), partitionBy);
            System.out.printf("%s: written in %.1f s%n", name, (System.nanoTime() - t) / 1e9);
        }
        System.out.printf("report write floor: %.1f s (after session start)%n", (System.nanoTime() - start) / 1e9);
        spark.stop();
    }
}
