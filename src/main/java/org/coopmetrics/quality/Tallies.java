package org.coopmetrics.quality;

import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.coopmetrics.JobException;
import org.coopmetrics.JobGroup;
import org.coopmetrics.ingest.Ingested;
import org.coopmetrics.ingest.Ledger;

/** Tallies what became of every dataset's rows, and proves that the rows read are all accounted for. */
public final class Tallies {
    private Tallies() {
    }

    /** Per dataset in the order given; the ledgers are built (and cached) concurrently. */
    public static Map<String, DatasetTally> account(List<Ingested> datasets, JobGroup jobs) {
        Map<String, Callable<DatasetTally>> tallies = new LinkedHashMap<>();
        datasets.forEach(d -> tallies.put("normalising and counting " + d.spec().id(), () -> of(d)));
        List<DatasetTally> each;
        try {
            each = jobs.concurrently(tallies);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a tally reads the cache and the input; it writes nothing
        }
        Map<String, DatasetTally> all = new LinkedHashMap<>();
        for (int i = 0; i < datasets.size(); i++) {
            all.put(datasets.get(i).spec().id(), each.get(i));
        }
        return all;
    }

    /** One dataset's tally; throws when its rows do not add up to the rows read. */
    static DatasetTally of(Ingested d) {
        Map<String, Long> byStatus = new TreeMap<>();
        SortedMap<String, Long> byReason = new TreeMap<>();
        SortedMap<String, Long> outOfScopeByReason = new TreeMap<>();
        // The watermark (latest valid recorded_at) comes with the tally: one pass over the ledger, not two.
        Timestamp latest = null;
        List<Row> groups = d.ledger().groupBy(Ledger.STATUS, Ledger.REASON)
                .agg(sum(Ledger.rows(d.spec())), max(Ledger.recordedAt(d.spec())))
                .collectAsList(); // small: a row per status and reason
        for (Row r : groups) {
            String status = r.getString(0);
            byStatus.merge(status == null ? "undecided" : status, r.getLong(2), Long::sum);
            if (!r.isNullAt(3) && (latest == null || r.getTimestamp(3).after(latest))) {
                latest = r.getTimestamp(3);
            }
            if (Ledger.QUARANTINED.equals(status)) {
                byReason.put(r.getString(1), r.getLong(2));
            } else if (Ledger.OUT_OF_SCOPE.equals(status)) {
                outOfScopeByReason.put(r.getString(1), r.getLong(2));
            }
        }
        // The ledger has been computed (its rows cached as it was), so the reader has read every file to its end.
        long read = d.read();
        if (!d.unread().isEmpty()) {
            throw new JobException(JobException.UNEXPECTED, "internal error: " + d.spec().id() + ": the reader did "
                    + "not finish " + d.unread().size() + " of " + d.listing().files().size() + " files (first: "
                    + d.unread().get(0) + "); please report this");
        }
        DatasetTally tally = new DatasetTally(read, byStatus.getOrDefault(Ledger.ACCEPTED, 0L),
                byStatus.getOrDefault(Ledger.QUARANTINED, 0L), byStatus.getOrDefault(Ledger.SUPERSEDED, 0L),
                byStatus.getOrDefault(Ledger.AFTER_AS_OF, 0L), byStatus.getOrDefault(Ledger.OUT_OF_SCOPE, 0L),
                byReason, outOfScopeByReason,
                latest == null ? null : latest.toInstant().toString(), d.listing().files().size(),
                d.listing().ignored());
        if (tally.settled() != read || byStatus.containsKey("undecided")) {
            throw new JobException(JobException.UNEXPECTED, "internal error: " + d.spec().id() + " read "
                    + read + " rows but accounted for " + byStatus + "; please report this");
        }
        return tally;
    }
}
