package org.coopmetrics.cli;

import static org.coopmetrics.SparkTestSupport.rows;
import static org.coopmetrics.SparkTestSupport.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.coopmetrics.CoopMetricsJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar on a real Spark standalone cluster (Master and Worker in JVMs of their own, on loopback,
 * started by jobs/local-cluster), submitted in client mode by jobs/coopmetrics: every report equals the
 * local-mode run's, row for row.
 */
class StandaloneClusterIT {
    static final Path CLUSTER = Path.of("target/it-cluster").toAbsolutePath();
    static Map<String, String> env;
    static String master;

    @TempDir
    Path dir;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String run(List<String> cmd, int minutes) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(minutes, TimeUnit.MINUTES), "timed out: " + cmd);
        assertEquals(0, p.exitValue(), cmd + "\n" + out);
        return out;
    }

    @BeforeAll
    static void startCluster() throws Exception {
        env = Map.of("CLUSTER_DIR", CLUSTER.toString(), "MASTER_PORT", String.valueOf(freePort()),
                "MASTER_UI_PORT", String.valueOf(freePort()), "WORKER_CORES", "2", "WORKER_MEMORY", "1g",
                "SPARK_LOCAL_IP", "127.0.0.1", "COOPMETRICS_SHUFFLE_PARTITIONS", "2",
                // The launcher's class-data archive is LauncherCdsIT's subject; writing one here only adds time.
                "COOPMETRICS_CDS", "off",
                // The quick compiler alone for the driver and the executor, as the launcher gives a local run of
                // an input this small: cold JVMs spent most of the cluster run compiling with both compilers.
                "COOPMETRICS_JAVA_OPTS",
                "-XX:TieredStopAtLevel=1 -Dspark.executor.extraJavaOptions=-XX:TieredStopAtLevel=1");
        String out = run(List.of("jobs/local-cluster", "start"), 3);
        master = out.lines().filter(l -> l.startsWith("spark://")).findFirst().orElseThrow(() ->
                new AssertionError("no master URL in: " + out));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (env != null) {
            run(List.of("jobs/local-cluster", "stop"), 1);
        }
    }

    @Test
    void clusterRunEqualsLocalRun() throws Exception {
        Path onCluster = dir.resolve("cluster");
        run(List.of("jobs/coopmetrics", "--master", master, "run", "--input", "data/curated", "--output",
                onCluster.toString(), "--as-of", "2025-12-31", "--grain", "week,month,year"), 10);

        // COOPMETRICS_SHUFFLE_PARTITIONS reaches a cluster run too (Spark's 200 would be 200 tasks per shuffle).
        JsonNode conf = new ObjectMapper().readTree(onCluster.resolve("_manifest.json").toFile()).get("spark_conf");
        assertEquals("2", conf.path("spark.sql.shuffle.partitions").asText(), conf.toString());
        assertEquals(master, conf.path("spark.master").asText());
        // The launcher's small memory pages are for local runs (under its throughput collector); a cluster's
        // executors keep the page size Spark gives their own collector.
        assertTrue(conf.path("spark.buffer.pageSize").isMissingNode(), conf.toString());

        spark();
        Path local = dir.resolve("local");
        assertEquals(0, CoopMetrics.execute("run", "--input", "data/curated", "--output", local.toString(),
                "--as-of", "2025-12-31", "--grain", "week,month,year"));
        for (String report : CoopMetricsJob.REPORTS) {
            List<String> expected = rows(spark().read().parquet(local.resolve(report).toString()));
            List<String> actual = rows(spark().read().parquet(onCluster.resolve(report).toString()));
            assertEquals(expected, actual, report);
            assertTrue(!expected.isEmpty(), report + " has rows");
        }

        // The executors ran in JVMs of their own, launched by the Worker.
        String launch = Files.readString(CLUSTER.resolve("worker.log")).lines()
                .filter(l -> l.contains("Launch command") && l.contains("CoarseGrainedExecutorBackend"))
                .findFirst().orElseThrow(() -> new AssertionError("the worker launched no executor"));
        System.out.println("worker: " + launch.substring(0, Math.min(200, launch.length())));
        try (Stream<Path> work = Files.walk(CLUSTER.resolve("work"))) {
            assertTrue(work.anyMatch(p -> p.getFileName().toString().equals("stderr")
                    && p.toFile().length() > 0), "an executor's own stderr under the worker's work dir");
        }
        assertTrue(new File(CLUSTER.toFile(), "master.log").length() > 0);
    }
}
