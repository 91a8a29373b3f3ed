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
 * jobs/coopmetrics runs local jobs on inputs under 1 MB with the JVM's quick compiler alone
 * (-XX:TieredStopAtLevel=1), and leaves larger, remote or user-tuned runs to the full compiler. The JVM prints
 * the level it was given (-XX:+PrintFlagsFinal) before the command line is parsed, so an unknown option
 * (exit 2, nothing run) is enough to see it.
 */
class LauncherJitIT {
    static final Pattern LEVEL = Pattern.compile("TieredStopAtLevel\\s+=\\s+(\\d+)");

    @TempDir
    Path dir;

    static int levelFor(String javaOpts, String input) throws Exception {
        CliRun.ScriptOutcome o = CliRun.script(Map.of("COOPMETRICS_CDS", "off", "COOPMETRICS_JAVA_OPTS", javaOpts),
                "jobs/coopmetrics", "run", "--input", input, "--no-such-flag");
        assertEquals(2, o.code(), o.out());
        Matcher m = LEVEL.matcher(o.out());
        if (!m.find()) {
            throw new AssertionError("no TieredStopAtLevel in the JVM's flags:\n" + o.out());
        }
        return Integer.parseInt(m.group(1));
    }

    @Test
    void quickCompilerOnlyForSmallLocalInputs() throws Exception {
        String flags = "-XX:+PrintFlagsFinal";
        assertEquals(1, levelFor(flags, "data/curated"), "the bundled sample (68 KB)");
        assertEquals(1, levelFor(flags, "file:" + Path.of("data/curated").toAbsolutePath()));

        Path large = Files.createDirectories(dir.resolve("large"));
        Files.write(large.resolve("statements.jsonl"), new byte[2 * 1024 * 1024]);
        assertEquals(4, levelFor(flags, large.toString()), "2 MB of input: the full compiler");
        assertEquals(4, levelFor(flags, "hdfs://namenode:8020/curated"), "a remote input is not measured");
        assertEquals(4, levelFor(flags + " -XX:TieredStopAtLevel=4", "data/curated"),
                "COOPMETRICS_JAVA_OPTS has the last word");
    }
}
