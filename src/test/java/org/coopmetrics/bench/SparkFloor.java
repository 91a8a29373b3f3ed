package org.coopmetrics.bench;

import static org.apache.spark.sql.functions.bit_xor;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.InputFiles;

/**
 * Contender (b) of {@code jobs/bench}, the Spark floor: reads the job's input files (the same listing) with
 * the same declared schemas (JSON Lines with the job's all-text schema, CSV with its header and every field
 * as text) and folds every column of every row into one checksum per dataset, so that Spark must parse all
 * of it (a bare count() would let it skip parsing); GDELT event files likewise, as tab-separated text. Writes
 * nothing. Started through SparkSubmit like the
 * job, with the same JVM flags, master and shuffle partitions.
 *
 * <p>Usage: {@code SparkFloor INPUT}. Not a test.
 */
public final class SparkFloor {
    private SparkFloor() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: SparkFloor INPUT");
            System.exit(2);
        }
        String input = args[0];
        SparkSession spark = SparkSession.builder().appName("coopmetrics-spark-floor").getOrCreate();
        long start = System.nanoTime();
        long rows = 0;
        for (DatasetSpec spec : DatasetSpec.values()) {
            InputFiles.Listing listing = InputFiles.list(input, spec, spark.sparkContext().hadoopConfiguration());
            Dataset<Row> all = spec == DatasetSpec.EVENTS ? readEvents(spark, listing) : read(spark, listing, spec);
            if (all == null) {
                continue;
            }
            Column[] every = Arrays.stream(all.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
            Row r = all.agg(count(lit(1)), bit_xor(xxhash64(every))).first();
            rows += r.getLong(0);
            System.out.printf("%s: %d rows from %d files, checksum %016x%n", spec.id(), r.getLong(0),
                    listing.files().size(), r.isNullAt(1) ? 0L : r.getLong(1));
        }
        System.out.printf("spark floor: %d rows in %.1f s (after session start)%n", rows,
                (System.nanoTime() - start) / 1e9);
        spark.stop();
    }

    /**
     * GDELT export files read with Spark's CSV source: tab-separated, no header, no quoting (GDELT has none), the
     * 61 columns as text; null when there are none. Spark reads no zip: a zipped export stops the floor.
     */
    static Dataset<Row> readEvents(SparkSession spark, InputFiles.Listing listing) {
        if (listing.files().isEmpty()) {
            return null;
        }
        if (listing.files().stream().anyMatch(InputFiles::isZipped)) {
            throw new IllegalArgumentException("the Spark floor reads no zipped GDELT export: generate them plain");
        }
        return spark.read().schema(asText(DatasetSpec.EVENTS)).option("sep", "\t").option("header", "false")
                .option("quote", "\u0000").option("mode", "PERMISSIVE").csv(listing.files().toArray(String[]::new));
    }

    /**
     * The dataset's files read with Spark's own JSON and CSV sources, every curated field as text (the job reads
     * them as text too); null when there are none.
     */
    static Dataset<Row> read(SparkSession spark, InputFiles.Listing listing, DatasetSpec spec) {
        List<String> json = new ArrayList<>();
        List<String> csv = new ArrayList<>();
        for (String f : listing.files()) {
            ("csv".equals(InputFiles.format(f)) ? csv : json).add(f);
        }
        StructType schema = asText(spec);
        Dataset<Row> all = null;
        if (!json.isEmpty()) {
            all = spark.read().schema(schema).option("mode", "PERMISSIVE").json(json.toArray(String[]::new));
        }
        if (!csv.isEmpty()) {
            Dataset<Row> c = spark.read().schema(schema).option("header", "true").option("enforceSchema", "false")
                    .option("quote", "\"").option("escape", "\"").option("mode", "PERMISSIVE")
                    .csv(csv.toArray(String[]::new));
            all = all == null ? c : all.unionByName(c, true);
        }
        return all;
    }

    /** The dataset's fields, every one as text. */
    static StructType asText(DatasetSpec spec) {
        StructType schema = new StructType();
        for (String f : spec.fields()) {
            schema = schema.add(f, DataTypes.StringType, true);
        }
        return schema;
    }
}
