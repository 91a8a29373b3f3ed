package org.coopmetrics.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/**
 * The reader's own tally: records read per file, filled as the tasks read, so that the identity
 * {@code read = accepted + quarantined + superseded + after_as_of} is proven against a count taken where the
 * records enter, without a second read of the input. A file is read in one or more pieces, each by one task, and
 * every attempt at a piece counts the same: pieces are kept by file and first byte, merging keeps the larger
 * count, and a re-read (a retried or speculative task, a cache rebuilt) counts nothing twice. A file counts once
 * its pieces were all read: from its first byte, each piece beginning where the one before ended, the last to
 * the file's end.
 */
public final class RecordsRead extends AccumulatorV2<RecordsRead.PieceRead, Map<String, Long>> {
    /** A piece read from byte {@code start} to {@code end}, the file's end if {@code reachedEndOfFile}. */
    public record PieceRead(String file, long start, long end, boolean reachedEndOfFile, long records)
            implements Serializable {
    }

    /** File -> first byte of a piece -> the piece. */
    private final TreeMap<String, TreeMap<Long, PieceRead>> byFile = new TreeMap<>();

    @Override
    public boolean isZero() {
        synchronized (byFile) {
            return byFile.isEmpty();
        }
    }

    @Override
    public RecordsRead copy() {
        RecordsRead c = new RecordsRead();
        pieces().forEach(c::add);
        return c;
    }

    @Override
    public void reset() {
        synchronized (byFile) {
            byFile.clear();
        }
    }

    /** A piece read to its end, with the records it held. */
    @Override
    public void add(PieceRead piece) {
        synchronized (byFile) {
            byFile.computeIfAbsent(piece.file(), f -> new TreeMap<>())
                    .merge(piece.start(), piece, (a, b) -> a.records() >= b.records() ? a : b);
        }
    }

    @Override
    public void merge(AccumulatorV2<PieceRead, Map<String, Long>> other) {
        ((RecordsRead) other).pieces().forEach(this::add);
    }

    private List<PieceRead> pieces() {
        synchronized (byFile) {
            List<PieceRead> all = new ArrayList<>();
            byFile.values().forEach(p -> all.addAll(p.values()));
            return all;
        }
    }

    /** Records per file whose pieces were all read, so far (a copy). */
    @Override
    public Map<String, Long> value() {
        Map<String, Long> records = new TreeMap<>();
        synchronized (byFile) {
            byFile.forEach((file, pieces) -> {
                long sum = 0;
                long next = 0;
                for (PieceRead p : pieces.values()) {
                    if (p.start() != next) {
                        return; // a piece missing
                    }
                    sum += p.records();
                    next = p.end();
                    if (p.reachedEndOfFile()) {
                        records.put(file, sum);
                        return;
                    }
                }
            });
        }
        return records;
    }
}
