package org.coopmetrics.cli;

import java.io.PrintStream;
import org.coopmetrics.report.Manifest;

/** The short console summary of a run: rows per dataset and report, quarantined rows by reason. */
final class Summary {
    private Summary() {
    }

    static void print(PrintStream out, Manifest manifest) {
        out.printf("coopmetrics %s, as of %s: %s%n", manifest.runId(), manifest.asOf(), manifest.status());
        out.printf("%-12s %9s %9s %11s %10s %11s %12s%n", "dataset", "read", "accepted", "quarantined",
                "superseded", "after_as_of", "out_of_scope");
        manifest.datasets().forEach((name, d) -> out.printf("%-12s %9d %9d %11d %10d %11d %12d%n", name, d.read(),
                d.accepted(), d.quarantined(), d.superseded(), d.afterAsOf(), d.outOfScope()));
        manifest.datasets().forEach((name, d) -> {
            if (!d.quarantinedByReason().isEmpty()) {
                out.println("quarantined " + name + ": " + d.quarantinedByReason().toString().replaceAll("[{}]", ""));
            }
            if (!d.outOfScopeByReason().isEmpty()) {
                out.println("out of scope " + name + ": " + d.outOfScopeByReason().toString().replaceAll("[{}]", ""));
            }
        });
        if (manifest.reports() != null && !manifest.reports().isEmpty()) {
            out.printf("%-24s %9s %11s%n", "report", "rows", "partitions");
            manifest.reports().forEach((name, r) -> out.printf("%-24s %9d %11d%n", name, r.rows(),
                    r.partitionsWritten()));
        }
    }
}
