package org.coopmetrics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/coopmetrics with SPARK_HOME set to a folder without an executable bin/spark-submit (a stale or partial
 * Spark install) stops with the contract's config error (2) and says on stderr what is wrong and how to fix it,
 * before building or starting anything. It needs neither the jar nor Spark: COOPMETRICS_NO_BUILD keeps the
 * launcher from building the jar when it is missing, so the check must come first.
 */
class LauncherSparkHomeTest {
    @TempDir
    Path dir;

    @Test
    void sparkHomeWithoutSparkSubmitIsAConfigError() throws Exception {
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
        Path output = dir.resolve("reports");

        ProcessBuilder pb = new ProcessBuilder("jobs/coopmetrics", "run", "--input", "data/curated",
                "--output", output.toString(), "--as-of", "2025-12-31")
                .redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("COOPMETRICS_NO_BUILD", "1");
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(1, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("jobs/coopmetrics still running after a minute; stderr so far:\n" + err);
        }

        assertEquals(2, p.exitValue(), err);
        assertTrue(err.contains(sparkHome.toString()), "names the SPARK_HOME folder:\n" + err);
        assertTrue(err.contains("bin/spark-submit"), "names the missing bin/spark-submit:\n" + err);
        assertFalse(Files.exists(output), "nothing written");
    }
}
