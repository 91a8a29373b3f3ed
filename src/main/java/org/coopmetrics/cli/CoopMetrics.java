package org.coopmetrics.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.apache.spark.sql.SparkSession;
import org.coopmetrics.JobException;
import org.coopmetrics.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code run}, {@code validate} and {@code generate}. Usable as {@code spark-submit --class}. */
@Command(name = "coopmetrics", mixinStandardHelpOptions = true, versionProvider = CoopMetrics.VersionProvider.class,
        description = "Metrics of security cooperation between countries, from curated statements, agreements "
                + "and seizure figures.",
        subcommands = {RunCommand.class, ValidateCommand.class, GenerateCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:unexpected failure", "2:usage or config error",
                "3:quality gate failed (too much quarantined: nothing published)", "4:input missing or unreadable"})
public final class CoopMetrics implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: run, validate or generate");
    }

    public static void main(String[] args) {
        int code = execute(args);
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        System.exit(code);
    }

    /** Runs the command line and returns the contract's exit code (tests call this; main exits with it). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new CoopMetrics());
        cli.setExecutionExceptionHandler(CoopMetrics::handle);
        return cli.execute(args);
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        JobException job = find(e, JobException.class);
        if (job != null) {
            err.println("coopmetrics: " + job.getMessage());
            return job.exitCode();
        }
        UncheckedIOException io = find(e, UncheckedIOException.class);
        if (io != null) {
            err.println("coopmetrics: input unreadable: " + io.getMessage());
            return JobException.INPUT_MISSING;
        }
        org.slf4j.LoggerFactory.getLogger(CoopMetrics.class).error("unexpected failure", e);
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        err.println("coopmetrics: unexpected failure: " + e.getClass().getSimpleName() + ": " + message
                + " (the log above has the stack trace)");
        return JobException.UNEXPECTED;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"coopmetrics " + Version.get()};
        }
    }
}
