package org.coopmetrics.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line in-process and keeps what it wrote to stderr, for tests of exit codes and messages;
 * gives the command that runs it in a JVM of its own; or runs one of the project's scripts.
 */
public final class CliRun {
    private CliRun() {
    }

    public record Outcome(int code, String err) {
    }

    /** How one of the project's scripts ended: its exit code and what it wrote (stdout and stderr together). */
    public record ScriptOutcome(int code, String out) {
    }

    /** Runs a script of the project (jobs/...) from the project folder with {@code env} added, up to 5 minutes. */
    public static ScriptOutcome script(Map<String, String> env, String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(script));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(script + " still running after 5 minutes; output so far:\n" + out);
        }
        return new ScriptOutcome(p.exitValue(), out);
    }

    /**
     * The command line that runs the CLI with {@code args} in a JVM of its own, as spark-submit would, on
     * local[2] and the test classpath, with Spark's module flags and {@code jvmOptions}.
     */
    public static List<String> childJvm(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(System.getProperty("coopmetrics.jvm.flags", "").trim().split("\\s+")));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-Dspark.master=local[2]", "-Dspark.ui.enabled=false", "-Dspark.sql.shuffle.partitions=2",
                "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1",
                CoopMetrics.class.getName()));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    public static Outcome run(String... args) {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = CoopMetrics.execute(args);
            return new Outcome(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }
}
