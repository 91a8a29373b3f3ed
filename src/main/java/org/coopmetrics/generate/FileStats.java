package org.coopmetrics.generate;

import java.util.Map;
import java.util.TreeMap;

/** What one generated file (or, merged, one dataset) holds: rows, revision rows, rows spoilt per reason. */
final class FileStats {
    long rows;
    long bytes;
    /** Older versions of revised records: the job counts them as superseded. */
    long revisionRows;
    final Map<String, Long> badByReason = new TreeMap<>();

    void bad(String reason, long rows) {
        badByReason.merge(reason, rows, Long::sum);
    }

    long badRows() {
        return badByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    void add(FileStats other) {
        rows += other.rows;
        bytes += other.bytes;
        revisionRows += other.revisionRows;
        other.badByReason.forEach(this::bad);
    }
}
