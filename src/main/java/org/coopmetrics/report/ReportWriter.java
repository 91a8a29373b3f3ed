package org.coopmetrics.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.coopmetrics.JobGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a run's reports to its staging folder, concurrently, each timed on its own (the times overlap). */
public final class ReportWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

    /** What was written, and the wall ms each report took. */
    public record Written(Map<String, Manifest.ReportSummary> reports, Map<String, Long> timingsMs) {
    }

    private final ReportStore store;
    private final List<String> partitioned;

    /** @param partitioned the reports partitioned by grain and year */
    public ReportWriter(ReportStore store, List<String> partitioned) {
        this.store = store;
        this.partitioned = partitioned;
    }

    /** Every report, whole, or for those named in {@code partial} only the listed partitions. */
    public Written writeAll(Map<String, Dataset<Row>> reports, Map<String, List<Partition>> partial, JobGroup jobs)
            throws IOException {
        Map<String, Callable<Timed>> writes = new LinkedHashMap<>();
        reports.forEach((name, report) -> writes.put("writing " + name, () -> {
            long start = System.nanoTime();
            Manifest.ReportSummary summary = partial.containsKey(name) ? writePartitions(name, report,
                    partial.get(name)) : write(name, report, partitioned.contains(name));
            return new Timed(name, summary, (System.nanoTime() - start) / 1_000_000);
        }));
        Map<String, Manifest.ReportSummary> written = new LinkedHashMap<>();
        Map<String, Long> timings = new LinkedHashMap<>();
        for (Timed t : jobs.concurrently(writes)) {
            written.put(t.name(), t.summary());
            timings.put(t.name(), t.ms());
        }
        return new Written(written, timings);
    }

    private record Timed(String name, Manifest.ReportSummary summary, long ms) {
    }

    private Manifest.ReportSummary write(String name, Dataset<Row> report, boolean byGrainAndYear)
            throws IOException {
        Path folder = new Path(store.staging(), name);
        LOG.info("writing {}", name);
        String[] partitionBy = byGrainAndYear ? new String[] {"grain", "year"} : new String[0];
        ReportStore.write(report, folder, partitionBy);
        return store.describe(folder, partitionBy.length);
    }

    /** Only the planned partitions; the rows of the report are those written plus those kept as published. */
    private Manifest.ReportSummary writePartitions(String name, Dataset<Row> report, List<Partition> partitions)
            throws IOException {
        Column planned = lit(false);
        for (Partition p : partitions) {
            planned = planned.or(col("grain").equalTo(p.grain().id()).and(col("year").equalTo(p.year())));
        }
        Path folder = new Path(store.staging(), name);
        LOG.info("writing {} partitions of {}", partitions.size(), name);
        ReportStore.write(report.filter(planned), folder, "grain", "year");
        Manifest.ReportSummary written = store.describe(folder, 2);
        long kept = 0;
        Path published = store.published(name);
        if (store.fs().exists(published) && store.fs().globStatus(new Path(published, "*/*/*.parquet")).length > 0) {
            kept = report.sparkSession().read().parquet(published.toString()).filter(planned.unary_$bang()).count();
        }
        return new Manifest.ReportSummary(written.rows() + kept, written.partitionsWritten(), partitions.size());
    }
}
