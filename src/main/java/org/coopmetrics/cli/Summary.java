package org.coopmetrics.cli;

import java.io.PrintStream;
import java.util.Map;
import org.coopmetrics.report.Manifest;

/** The short console summary of a run: rows per dataset and report, quarantined rows by reason. */
final class Summary {
    private Summary() {
    }

    @SuppressWarnings("unchecked")
    static void print(PrintStream out, Manifest manifest) {
        out.printf("coopmetrics %s, as of %s: %s%n", manifest.get("run_id"), manifest.get("as_of"),
                manifest.get("status"));
        out.printf("%-12s %9s %9s %11s %10s %11s%n", "dataset", "read", "accepted", "quarantined", "superseded",
                "after_as_of");
        Map<String, Object> datasets = (Map<String, Object>) manifest.get("datasets");
        datasets.forEach((name, value) -> {
            Map<String, Object> d = (Map<String, Object>) value;
            out.printf("%-12s %9d %9d %11d %10d %11d%n", name, d.get("read"), d.get("accepted"),
                    d.get("quarantined"), d.get("superseded"), d.get("after_as_of"));
        });
        datasets.forEach((name, value) -> {
            Map<String, Long> reasons = (Map<String, Long>) ((Map<String, Object>) value).get("quarantined_by_reason");
            if (!reasons.isEmpty()) {
                out.println("quarantined " + name + ": " + reasons.toString().replaceAll("[{}]", ""));
            }
        });
        Map<String, Object> reports = (Map<String, Object>) manifest.get("reports");
        if (reports != null && !reports.isEmpty()) {
            out.printf("%-24s %9s %11s%n", "report", "rows", "partitions");
            reports.forEach((name, value) -> {
                Map<String, Object> r = (Map<String, Object>) value;
                out.printf("%-24s %9d %11d%n", name, r.get("rows"), r.get("partitions_written"));
            });
        }
    }
}
