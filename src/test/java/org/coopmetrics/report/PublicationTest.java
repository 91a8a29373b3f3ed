package org.coopmetrics.report;

import static org.coopmetrics.SparkTestSupport.rows;
import static org.coopmetrics.SparkTestSupport.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.coopmetrics.CoopMetricsJob;
import org.coopmetrics.cli.CliRun;
import org.coopmetrics.cli.CoopMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reruns replace reports whole, and a killed run leaves the published reports as they were. */
class PublicationTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void session() {
        spark();
    }

    static int run(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--input", "data/curated", "--output", out.toString(),
                "--as-of", "2025-12-31"));
        args.addAll(Arrays.asList(extra));
        return CoopMetrics.execute(args.toArray(String[]::new));
    }

    /** Every report's rows, sorted, by report name. */
    static Map<String, List<String>> reports(Path out) {
        Map<String, List<String>> all = new TreeMap<>();
        for (String r : CoopMetricsJob.REPORTS) {
            all.put(r, rows(spark().read().parquet(out.resolve(r).toString())));
        }
        return all;
    }

    /** Relative path and size of every file under the folder, except the run history. */
    static Map<String, Long> files(Path out) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(out)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                String rel = out.relativize(p).toString();
                if (!rel.startsWith("_runs")) {
                    m.put(rel, Files.size(p));
                }
            }
        }
        return m;
    }

    static String runId(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("_manifest.json").toFile()).get("run_id").asText();
    }

    @Test
    void theSameNightTwiceGivesTheSameReports() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, run(out, "--grain", "month,year"));
        Map<String, List<String>> first = reports(out);
        String firstRun = runId(out);
        assertEquals(0, run(out, "--grain", "month,year"));
        assertNotEquals(firstRun, runId(out));
        assertEquals(first, reports(out));
        // No stale partitions: a rerun with fewer grains leaves only those grains.
        assertEquals(0, run(out, "--grain", "year"));
        try (Stream<Path> grains = Files.list(out.resolve("dyad_sector_period"))) {
            assertEquals(List.of("grain=year"), grains.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("grain=")).toList());
        }
        // Every report folder names the run that wrote it, matching the manifest.
        for (String r : CoopMetricsJob.REPORTS) {
            assertEquals(runId(out), Files.readString(out.resolve(r).resolve(ReportStore.RUN_MARKER)), r);
        }
        try (Stream<Path> history = Files.list(out.resolve("_runs"))) {
            assertEquals(3, history.filter(p -> p.toString().endsWith(".json")).count(), "one manifest per run");
        }
    }

    @Test
    void aRunKilledWhileWritingLeavesThePublishedReports() throws Exception {
        Path out = dir.resolve("out");
        // Month and year only: the day and week rows of the sample's events (zero-filled from 2007) would only
        // make the comparisons below slower.
        assertEquals(0, run(out, "--grain", "month,year"));
        Map<String, List<String>> clean = reports(out);
        Map<String, Long> before = files(out);
        String publishedRun = runId(out);

        Process child = startJobProcess(out);
        try {
            Path staged = waitForStagedWrite(out, child);
            assertTrue(child.isAlive(), "the run was still writing at " + staged);
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            assertEquals(137, child.waitFor(), "killed by SIGKILL");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(publishedRun, runId(out), "published manifest unchanged");
        Map<String, Long> after = files(out);
        after.keySet().removeIf(k -> k.startsWith("_staging"));
        assertEquals(before, after, "published report files unchanged");
        assertEquals(clean, reports(out), "still readable, same rows");
        try (Stream<Path> history = Files.list(out.resolve("_runs"))) {
            assertTrue(history.filter(p -> p.toString().endsWith(".json"))
                    .anyMatch(p -> readStatus(p).equals("running")), "the killed run shows as running");
        }

        assertEquals(0, run(out, "--grain", "month,year"), "the next run completes");
        assertEquals(clean, reports(out));
        assertFalse(Files.exists(out.resolve("_staging")), "the killed run's staging is cleared");
    }

    static String readStatus(Path manifest) {
        try {
            return new ObjectMapper().readTree(manifest.toFile()).get("status").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The job in a JVM of its own, as spark-submit would run it, on a local master. */
    Process startJobProcess(Path out) throws IOException {
        // The quick compiler alone, as jobs/coopmetrics runs a small input: the sample's run reaches its writes in
        // half the time.
        List<String> cmd = CliRun.childJvm(List.of("-XX:TieredStopAtLevel=1"),
                "run", "--input", "data/curated", "--output", out.toString(), "--as-of", "2025-12-31", "--grain",
                "month,year");
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(new File("target/publication-test-child.log")).start();
    }

    /** Waits until the child is writing a report into its staging folder. */
    static Path waitForStagedWrite(Path out, Process child) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline && child.isAlive()) {
            Path staging = out.resolve("_staging");
            if (Files.isDirectory(staging)) {
                try (Stream<Path> all = Files.walk(staging)) {
                    var writing = all.filter(p -> p.getFileName().toString().equals("_temporary")).findFirst();
                    if (writing.isPresent()) {
                        return writing.get();
                    }
                } catch (IOException | java.io.UncheckedIOException racing) {
                    // files come and go while Spark writes; look again
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the child run never wrote a report (see target/publication-test-child.log)");
    }
}
