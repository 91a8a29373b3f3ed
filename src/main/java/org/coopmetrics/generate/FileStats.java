package org.coopmetrics.generate;

import java.util.Map;
import java.util.TreeMap;
import org.coopmetrics.ingest.QuarantineReason;

/** What one generated file (or, merged, one dataset) holds: rows, revision rows, rows spoilt per reason. */
final class FileStats {
    long rows;
    long bytes;
    /** Older versions of revised records: the job counts them as superseded. */
    long revisionRows;
    /** Spoilt rows by reason code, in code order (as _generator.json lists them). */
    final Map<String, Long> badByReason = new TreeMap<>();

    void bad(QuarantineReason reason, long rows) {
        badByReason.merge(reason.code(), rows, Long::sum);
    }

    long badRows() {
        return badByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    void add(FileStats other) {
        rows += other.rows;
        bytes += other.bytes;
        revisionRows += other.revisionRows;
        other.badByReason.forEach((reason, n) -> badByReason.merge(reason, n, Long::sum));
    }
}
