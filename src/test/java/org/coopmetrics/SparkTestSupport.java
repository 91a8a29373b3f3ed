package org.coopmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.coopmetrics.report.NioLocalFileSystem;

/** The one SparkSession of the test JVM, and small helpers to compare DataFrames with hand-made answers. */
public final class SparkTestSupport {
    private static SparkSession spark;

    private SparkTestSupport() {
    }

    public static synchronized SparkSession spark() {
        if (spark == null) {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("coopmetrics-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.session.timeZone", "UTC")
                    // As jobs/coopmetrics does for local runs: no chmod process per file written.
                    .config("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName())
                    // As jobs/coopmetrics does for local runs: under the throughput collector Spark's sorts would
                    // each take a 64 MiB page, whatever the few rows a test sorts.
                    .config("spark.buffer.pageSize", "2m")
                    // Some forty runs of the job share this session, each generating the same few hundred classes:
                    // with Spark's default of 100 cached classes every run compiled most of them again (a warm run
                    // of the sample took 7-9 s, 5.5-6 s with this).
                    .config("spark.sql.codegen.cache.maxEntries", "2000")
                    // Many job runs share this session: keep little history of past queries in memory.
                    .config("spark.sql.ui.retainedExecutions", "5")
                    .config("spark.ui.retainedJobs", "20")
                    .config("spark.ui.retainedStages", "20")
                    .config("spark.ui.retainedTasks", "1000")
                    .getOrCreate();
        }
        return spark;
    }

    /** Writes a UTF-8 text file (creating folders) and returns its path. */
    public static Path write(Path dir, String relative, String content) {
        return writeBytes(dir, relative, content.getBytes(StandardCharsets.UTF_8));
    }

    public static Path writeBytes(Path dir, String relative, byte[] content) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a folder and everything in it; nothing happens when it does not exist. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Asserts the column names, in order. */
    public static void assertColumns(Dataset<Row> actual, String... names) {
        assertEquals(Arrays.asList(names), Arrays.asList(actual.columns()), "columns");
    }

    /** Column name and Spark SQL type, e.g. "kg:double", in order. */
    public static List<String> schemaOf(Dataset<Row> df) {
        List<String> out = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            out.add(f.name() + ":" + f.dataType().simpleString());
        }
        return out;
    }

    /**
     * Asserts the rows, in any order, each written as its values joined by '|' (null as "null"), e.g.
     * "BHR|PAK|counter_narcotics|3". Shows missing and extra rows on failure.
     */
    public static void assertRows(Dataset<Row> actual, String... expected) {
        List<String> got = rows(actual);
        List<String> want = new ArrayList<>(Arrays.asList(expected));
        List<String> missing = new ArrayList<>(want);
        got.forEach(missing::remove);
        List<String> extra = new ArrayList<>(got);
        want.forEach(extra::remove);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            fail("rows differ\n  missing: " + missing + "\n  extra:   " + extra);
        }
    }

    /** The rows as '|'-joined strings, sorted. Only for small test results. */
    public static List<String> rows(Dataset<Row> df) {
        return df.collectAsList().stream().map(SparkTestSupport::line).sorted().collect(Collectors.toList());
    }

    public static String line(Row r) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < r.length(); i++) {
            Object v = r.get(i);
            if (v instanceof scala.collection.Seq<?> seq) {
                v = scala.jdk.javaapi.CollectionConverters.asJava(seq).toString();
            } else if (v instanceof java.math.BigDecimal d) {
                v = d.toPlainString();
            }
            cells.add(String.valueOf(v));
        }
        return String.join("|", cells);
    }
}
