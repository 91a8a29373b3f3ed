package org.coopmetrics.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Packs input files into read tasks. One task per file made many small files cost a task each (GDELT publishes
 * a file every fifteen minutes: 35,000 a year), so files share a task, in path order, until the task holds its
 * share of the bytes. A file larger than a share is cut into pieces of about a share, so that one large file is
 * read by every core; where each piece's reading really begins (a record start, with its line number) is found
 * by {@link PieceStarts}.
 */
public final class FilePacking {
    /** A task reads at most about this much, so that a large input still gives a task per core and more. */
    public static final long MAX_TASK_BYTES = 128L << 20;

    /** A file is cut into pieces of at least this much: below it a piece's own cost (its scan) is not repaid. */
    public static final long MIN_PIECE_BYTES = 16L << 20;

    private FilePacking() {
    }

    /**
     * Piece {@code index} of the {@code count} pieces a file is cut into, each {@code pieceBytes} long but the
     * last, which runs to the file's end; a whole file is its only piece. A piece's reading begins at a record
     * start at or after its first byte (found by {@link PieceStarts}) and ends at the first record start at or
     * after its end, where a later piece's reading begins.
     */
    public record Piece(String file, int index, int count, long pieceBytes) implements Serializable {
        static Piece whole(String file) {
            return new Piece(file, 0, 1, Long.MAX_VALUE);
        }

        /** The offset of the piece's first byte. */
        long start() {
            return index * pieceBytes;
        }

        /** The offset after the piece's last byte: none for the last piece, which reads to the file's end. */
        long end() {
            return index == count - 1 ? Long.MAX_VALUE : (index + 1) * pieceBytes;
        }

        /** This piece read on to the file's end. */
        Piece toFileEnd() {
            return new Piece(file, index, index + 1, pieceBytes);
        }

        /** Whether a reading of this piece, between records at a line start, ends there: at or after its end. */
        boolean endsAt(long lineStart) {
            return lineStart >= end();
        }

        /** The piece of the same file that holds byte {@code offset}. */
        Piece holding(long offset) {
            return new Piece(file, (int) Math.min(offset / pieceBytes, count - 1), count, pieceBytes);
        }
    }

    /**
     * Groups {@code files} (with their sizes, in the same order) into about {@code minTasks} groups of equal bytes,
     * more when a group would exceed about {@link #MAX_TASK_BYTES}; a file larger than a group's share (and than
     * {@code minPieceBytes}) is cut into pieces of about a share first. No more pieces than {@code minTasks}: a
     * group each. Order is kept.
     */
    public static List<List<Piece>> pack(List<String> files, List<Long> bytes, int minTasks, long minPieceBytes) {
        return pack(files, bytes, minTasks, minPieceBytes, file -> true);
    }

    /** As above; only the files {@code cuttable} accepts are cut (a zip archive can only be read from its start). */
    public static List<List<Piece>> pack(List<String> files, List<Long> bytes, int minTasks, long minPieceBytes,
                                         Predicate<String> cuttable) {
        if (files.size() != bytes.size()) {
            throw new IllegalArgumentException(files.size() + " files but " + bytes.size() + " sizes");
        }
        long total = 0;
        for (long b : bytes) {
            total += Math.max(b, 1); // an empty file still costs an open
        }
        long tasks = Math.max(minTasks, (total + MAX_TASK_BYTES - 1) / MAX_TASK_BYTES);
        long share = Math.max(1, (total + tasks - 1) / tasks);
        List<Piece> pieces = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            long size = Math.max(bytes.get(i), 1);
            long count = cuttable.test(files.get(i)) ? Math.min((size + share - 1) / share, size / minPieceBytes) : 1;
            if (count < 2) {
                pieces.add(Piece.whole(files.get(i)));
                sizes.add(size);
                continue;
            }
            // Equal pieces, not full ones and a sliver.
            long pieceBytes = (size + count - 1) / count;
            count = (size + pieceBytes - 1) / pieceBytes;
            for (int k = 0; k < count; k++) {
                pieces.add(new Piece(files.get(i), k, (int) count, pieceBytes));
                sizes.add(Math.min(pieceBytes, size - k * pieceBytes));
            }
        }
        if (pieces.size() <= minTasks) {
            return pieces.stream().map(List::of).toList();
        }
        // A piece goes to the task whose share of the bytes holds its middle byte, so that a large file is not
        // swallowed by the small ones before it; a task is also closed before it grows past MAX_TASK_BYTES.
        List<List<Piece>> groups = new ArrayList<>();
        List<Piece> group = new ArrayList<>();
        long index = 0;
        long inGroup = 0;
        long before = 0;
        for (int i = 0; i < pieces.size(); i++) {
            long size = sizes.get(i);
            long wanted = (before + size / 2) / share;
            if (!group.isEmpty() && (wanted > index || inGroup + size > MAX_TASK_BYTES)) {
                groups.add(group);
                group = new ArrayList<>();
                inGroup = 0;
                index = Math.max(index + 1, wanted);
            }
            group.add(pieces.get(i));
            inGroup += size;
            before += size;
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }
}
