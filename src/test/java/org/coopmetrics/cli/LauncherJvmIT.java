package org.coopmetrics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/coopmetrics runs local jobs on inputs under 4 MB with the JVM's quick compiler alone
 * (-XX:TieredStopAtLevel=1), and leaves larger, remote or user-tuned runs to the full compiler; local jobs get
 * the throughput collector unless the user names one. The JVM prints the flags it was given
 * (-XX:+PrintFlagsFinal) before the command line is parsed, so an unknown option (exit 2, nothing run) is
 * enough to see them.
 */
class LauncherJvmIT {
    @TempDir
    Path dir;

    static int levelFor(String javaOpts, String input) throws Exception {
        return Integer.parseInt(flag(flagsOf(javaOpts, "run", "--input", input, "--no-such-flag"),
                "TieredStopAtLevel"));
    }

    /** What the launcher's JVM prints with -XX:+PrintFlagsFinal for these arguments (which must fail with 2). */
    static String flagsOf(String javaOpts, String... args) throws Exception {
        CliRun.ScriptOutcome o = CliRun.script(Map.of("COOPMETRICS_CDS", "off",
                "COOPMETRICS_JAVA_OPTS", "-XX:+PrintFlagsFinal " + javaOpts), "jobs/coopmetrics", args);
        assertEquals(2, o.code(), o.out());
        return o.out();
    }

    /** One flag's final value, as the JVM printed it. */
    static String flag(String flags, String name) {
        Matcher m = Pattern.compile("\\s" + name + "\\s+:?=\\s+(\\S+)").matcher(flags);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in the JVM's flags:\n" + flags);
        }
        return m.group(1);
    }

    @Test
    void quickCompilerOnlyForSmallLocalInputs() throws Exception {
        assertEquals(1, levelFor("", "data/curated"), "the bundled sample (2.5 MB with its GDELT events)");
        assertEquals(1, levelFor("", "file:" + Path.of("data/curated").toAbsolutePath()));

        Path large = Files.createDirectories(dir.resolve("large"));
        Files.write(large.resolve("statements.jsonl"), new byte[5 * 1024 * 1024]);
        assertEquals(4, levelFor("", large.toString()), "5 MB of input: the full compiler");
        Path linked = Files.createSymbolicLink(dir.resolve("linked"), large);
        assertEquals(4, levelFor("", linked.toString()), "a linked folder is measured by what it points to");
        assertEquals(4, levelFor("", "hdfs://namenode:8020/curated"), "a remote input is not measured");
        assertEquals(4, levelFor("-XX:TieredStopAtLevel=4", "data/curated"),
                "COOPMETRICS_JAVA_OPTS has the last word");
    }

    @Test
    void throughputCollectorForLocalRunsUnlessTheUserNamesOne() throws Exception {
        String local = flagsOf("", "run", "--no-such-flag");
        assertEquals("true", flag(local, "UseParallelGC"), "a local run");
        assertEquals("false", flag(local, "UseG1GC"));

        String chosen = flagsOf("-XX:+UseG1GC", "run", "--no-such-flag");
        assertEquals("true", flag(chosen, "UseG1GC"), "the user's collector, and the JVM starts (no conflict)");
        assertEquals("false", flag(chosen, "UseParallelGC"));

        String tuned = flagsOf("-XX:+UseGCOverheadLimit", "run", "--no-such-flag");
        assertEquals("true", flag(tuned, "UseParallelGC"), "a GC option that is not a collector");

        // Nothing is connected to: the command line fails first. The driver of a cluster run keeps the JVM's default.
        String cluster = flagsOf("", "--master", "spark://127.0.0.1:7077", "run", "--no-such-flag");
        assertEquals("false", flag(cluster, "UseParallelGC"), "a cluster run's driver");
    }
}
