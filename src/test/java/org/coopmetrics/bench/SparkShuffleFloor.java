package org.coopmetrics.bench;

import static org.apache.spark.sql.functions.col;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.InputFiles;

/**
 * A probe for docs/performance.md, not a contender of {@code jobs/bench}: the least a Spark job must do beyond
 * the floor (b) to settle revisions and publish, measured on the same files. Per dataset it reads the input as
 * (b) does, gathers each record's versions (one shuffle by id, sorted by id and recorded_at) and writes the
 * rows unchanged as Parquet; with {@code --no-shuffle} it only rewrites them as Parquet. Nothing is validated,
 * normalised or aggregated.
 *
 * <p>Usage: started like (b) (see {@code Bench.commandB}) with main class {@code SparkShuffleFloor INPUT OUT
 * [--no-shuffle]}. Not a test.
 */
public final class SparkShuffleFloor {
    private SparkShuffleFloor() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: SparkShuffleFloor INPUT OUT [--no-shuffle]");
            System.exit(2);
        }
        boolean shuffle = !(args.length > 2 && args[2].equals("--no-shuffle"));
        SparkSession spark = SparkSession.builder().appName("coopmetrics-shuffle-floor").getOrCreate();
        long start = System.nanoTime();
        for (DatasetSpec spec : DatasetSpec.CURATED) {
            InputFiles.Listing listing = InputFiles.list(args[0], spec, spark.sparkContext().hadoopConfiguration());
            Dataset<Row> all = SparkFloor.read(spark, listing, spec);
            if (all == null) {
                continue;
            }
            if (shuffle) {
                all = all.repartition(col(spec.idField())).sortWithinPartitions(spec.idField(), "recorded_at");
            }
            long t = System.nanoTime();
            all.write().mode("overwrite").parquet(new Path(args[1], spec.id()).toString());
            System.out.printf("%s: written in %.1f s%n", spec.id(), (System.nanoTime() - t) / 1e9);
        }
        System.out.printf("shuffle floor (%s): %.1f s (after session start)%n", shuffle ? "shuffle by id, write"
                : "write only", (System.nanoTime() - start) / 1e9);
        spark.stop();
    }
}
