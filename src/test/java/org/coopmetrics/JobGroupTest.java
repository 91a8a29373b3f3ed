package org.coopmetrics;

import static org.coopmetrics.SparkTestSupport.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.spark.JobExecutionStatus;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.coopmetrics.config.Grain;
import org.coopmetrics.config.JobConfig;
import org.coopmetrics.report.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark jobs of a run carry its group and stage; a failing run cancels its own jobs, not the session's. */
class JobGroupTest {
    @TempDir
    Path dir;

    static JobConfig config(Path out, boolean incremental) {
        return new JobConfig("data/curated", out.toString(), LocalDate.parse("2025-12-31"),
                List.of(Grain.YEAR), 0.05, null, Set.of(), JobConfig.DEFAULT_MAX_RECORD_BYTES,
                incremental);
    }

    /** Group and description of every job started while it listens. */
    static final class JobStarts extends SparkListener {
        final List<String[]> jobs = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            jobs.add(new String[] {start.properties().getProperty("spark.jobGroup.id"),
                    start.properties().getProperty("spark.job.description")});
        }
    }

    static final AtomicBoolean OTHER_STARTED = new AtomicBoolean();
    static final AtomicBoolean OTHER_RELEASED = new AtomicBoolean();

    /** Runs the job on the sample and checks that every Spark job it started names the run and its stage. */
    static Manifest runNamingEveryJob(Path out) throws Exception {
        SparkContext sc = spark().sparkContext();
        JobStarts starts = new JobStarts();
        sc.addSparkListener(starts);
        Manifest manifest;
        try {
            manifest = new CoopMetricsJob(spark(), config(out, false)).run();
            sc.listenerBus().waitUntilEmpty();
        } finally {
            sc.removeSparkListener(starts);
        }
        String group = "coopmetrics-" + manifest.runId();
        String prefix = "coopmetrics " + manifest.runId() + ": ";
        List<String> stages = new ArrayList<>();
        for (String[] job : starts.jobs) {
            assertEquals(group, job[0], "job group of " + job[1]);
            assertTrue(job[1] != null && job[1].startsWith(prefix), job[1]);
            stages.add(job[1].substring(prefix.length()));
        }
        // Building the facts starts no Spark job of its own: they are read once, by dyad_sector_period's writing.
        assertTrue(stages.containsAll(List.of("normalising and counting statements",
                "normalising and counting seizures", "writing dyad_sector_period",
                "writing evidence", "writing quarantine")), stages.toString());
        // The thread that ran the job is as it was: its later jobs are not the run's.
        assertNull(sc.getLocalProperty("spark.jobGroup.id"));
        assertNull(sc.getLocalProperty("spark.job.description"));
        return manifest;
    }

    @Test
    void aRunNamesItsJobsAndAFailedRunLeavesTheSessionsOtherJobsAlone() throws Exception {
        Path out = dir.resolve("out");
        Manifest first = runNamingEveryJob(out);
        // A published file that cannot be read: the incremental run reads the partitions it keeps, and fails there,
        // while its other reports are being written.
        try (Stream<Path> files = Files.list(out.resolve("dyad_sector_period/grain=year/year=2024"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
                Files.writeString(f, "not a Parquet file", StandardCharsets.UTF_8);
            }
        }
        // Someone else's job in the same session (a notebook's query), running until released.
        OTHER_STARTED.set(false);
        OTHER_RELEASED.set(false);
        CompletableFuture<Long> other = CompletableFuture.supplyAsync(() -> {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
            jsc.setJobGroup("notebook", "a notebook's query", true);
            return jsc.parallelize(List.of(1), 1).map(x -> {
                OTHER_STARTED.set(true);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!OTHER_RELEASED.get() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                return x;
            }).count();
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!OTHER_STARTED.get() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(OTHER_STARTED.get(), "the other job started");

        SparkContext sc = spark().sparkContext();
        JobStarts starts = new JobStarts();
        sc.addSparkListener(starts);
        try {
            assertThrows(Exception.class, () -> new CoopMetricsJob(spark(), config(out, true)).run());
            sc.listenerBus().waitUntilEmpty();
        } finally {
            sc.removeSparkListener(starts);
        }
        // Nothing of the failed run goes on once it has returned (its concurrent writes included).
        assertEquals(List.of(), Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("coopmetrics-action")).map(Thread::toString).toList(),
                "threads of the failed run still alive");
        String failedGroup = starts.jobs.stream().map(j -> j[0]).filter(g -> g != null && g.startsWith("coopmetrics-"))
                .findFirst().orElseThrow();
        for (int job : sc.statusTracker().getJobIdsForGroup(failedGroup)) {
            SparkJobInfo info = sc.statusTracker().getJobInfo(job).get();
            assertFalse(info.status() == JobExecutionStatus.RUNNING, "job " + job + " of the failed run still running: "
                    + Arrays.stream(info.stageIds()).mapToObj(id -> sc.statusTracker().getStageInfo(id))
                            .filter(o -> o.isDefined()).map(o -> o.get().name()).toList());
        }
        assertFalse(other.isDone(), "the other job is still running after the run failed");
        OTHER_RELEASED.set(true);
        assertEquals(1L, other.get(60, TimeUnit.SECONDS), "the other job completed");
        // And the failed run published nothing: the first run's manifest stands.
        assertTrue(Files.readString(out.resolve("_manifest.json")).contains(first.runId()));
    }

    @Test
    void closingRestoresTheThreadsEarlierGroup() throws IOException {
        SparkContext sc = spark().sparkContext();
        sc.setJobGroup("mine", "my query", false);
        try {
            try (JobGroup jobs = new JobGroup(sc, "R")) {
                jobs.stage("reading");
                assertEquals("coopmetrics-R", sc.getLocalProperty("spark.jobGroup.id"));
                assertEquals("coopmetrics R: reading", sc.getLocalProperty("spark.job.description"));
            }
            assertEquals("mine", sc.getLocalProperty("spark.jobGroup.id"));
            assertEquals("my query", sc.getLocalProperty("spark.job.description"));
        } finally {
            sc.clearJobGroup();
        }
    }
}
