package org.coopmetrics.ingest;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/**
 * The reader's own tally: records read per file, filled as the tasks read, so that the identity
 * {@code read = accepted + quarantined + superseded + after_as_of} is proven against a count taken where the
 * records enter, without a second read of the input. A file is always read whole by one task, so every attempt
 * at it counts the same: merging keeps the larger count, and a re-read (a retried or speculative task, a cache
 * rebuilt) counts nothing twice.
 */
public final class RecordsRead extends AccumulatorV2<Map.Entry<String, Long>, Map<String, Long>> {
    private final TreeMap<String, Long> byFile = new TreeMap<>();

    @Override
    public boolean isZero() {
        synchronized (byFile) {
            return byFile.isEmpty();
        }
    }

    @Override
    public RecordsRead copy() {
        RecordsRead c = new RecordsRead();
        synchronized (byFile) {
            c.byFile.putAll(byFile);
        }
        return c;
    }

    @Override
    public void reset() {
        synchronized (byFile) {
            byFile.clear();
        }
    }

    /** A file read to its end, with the records it held. */
    @Override
    public void add(Map.Entry<String, Long> fileRecords) {
        synchronized (byFile) {
            byFile.merge(fileRecords.getKey(), fileRecords.getValue(), Math::max);
        }
    }

    @Override
    public void merge(AccumulatorV2<Map.Entry<String, Long>, Map<String, Long>> other) {
        other.value().entrySet().forEach(this::add);
    }

    /** Records per file read so far (a copy). */
    @Override
    public Map<String, Long> value() {
        synchronized (byFile) {
            return new TreeMap<>(byFile);
        }
    }
}
