package org.coopmetrics.ingest;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where the pieces of a cut file begin, exactly: the byte offset of a record start and the number of lines
 * before it, as reading the whole file would find them.
 *
 * <p>A piece's reading, between records at a line start, needs nothing of what came before but the line number
 * and a CSV file's header; it ends at the first such place at or after the piece's end. So each piece is scanned
 * on its own, all pieces at once: read as the reader reads it (for CSV the same {@link CsvRecords}; JSON Lines
 * need no more than line starts), from the first line start at or after its first byte, counting lines, to
 * where its reading ends. That start is a guess: a CSV piece may begin inside a quoted field. {@link #chain}
 * then walks the scans from the file's first byte, which is a true start: a scan from a true start ends at a
 * true start, with the true count of lines in between. Where the next piece's scan began elsewhere, that piece is
 * scanned again from the true start, and the walk is repeated; should that not settle within a few rounds, the
 * last piece proven reads on to the file's end. A wrong guess costs a scan, never exactness.
 */
final class PieceStarts {
    /** Rounds of scans again before a file's last proven piece reads on to its end. */
    static final int MAX_ROUNDS = 4;

    private PieceStarts() {
    }

    /**
     * A piece's scan: its reading begins at {@code start} (a guess unless proven by {@link #chain}) and ends at
     * {@code end}, {@code lines} lines later, or at the end of the file; {@code start} at or past the piece's end
     * when no line starts in it.
     */
    record Scan(FilePacking.Piece piece, long start, long end, long lines, boolean reachedEndOfFile)
            implements Serializable {
    }

    /** Where a piece's reading begins: a record start, and the number of lines before it. */
    record Start(FilePacking.Piece piece, long offset, long linesBefore) implements Serializable {
        static Start whole(String file) {
            return new Start(FilePacking.Piece.whole(file), 0, 0);
        }
    }

    /**
     * The walk of a file's scans: every piece's start when the scans agree ({@code rescans} empty), else the
     * places to scan again (a piece and where the piece before it ends; lines before not known yet).
     */
    record Chain(Map<Integer, Start> starts, List<Start> rescans) {
    }

    /** Scans many pieces at once (with Spark: a task each). */
    interface Scanner {
        List<Scan> fromFirstLineStarts(List<FilePacking.Piece> pieces);

        List<Scan> from(List<Start> starts);
    }

    /** Every start of the pieces of cut files, by file and piece index (a piece without one is read by others). */
    static Map<String, Map<Integer, Start>> starts(List<FilePacking.Piece> pieces, Scanner scanner) {
        Map<String, List<Scan>> scansByFile = new HashMap<>();
        Map<String, Map<Integer, Start>> startsByFile = new HashMap<>();
        if (!pieces.isEmpty()) {
            scanner.fromFirstLineStarts(pieces).forEach(s ->
                    scansByFile.computeIfAbsent(s.piece().file(), f -> new ArrayList<>()).add(s));
        }
        for (int round = 1; !scansByFile.isEmpty(); round++) {
            List<Start> rescans = new ArrayList<>();
            for (Map.Entry<String, List<Scan>> file : scansByFile.entrySet()) {
                Chain chain = chain(file.getValue(), round == MAX_ROUNDS);
                startsByFile.put(file.getKey(), chain.starts());
                rescans.addAll(chain.rescans());
            }
            scansByFile.keySet().removeIf(f -> rescans.stream().noneMatch(r -> r.piece().file().equals(f)));
            if (!rescans.isEmpty()) {
                scanner.from(rescans).forEach(s -> scansByFile.get(s.piece().file()).add(s));
            }
        }
        return startsByFile;
    }

    /** Scans one piece of a cut file from its first line start (see above). */
    static Scan scan(FileSystem fs, FilePacking.Piece piece, DatasetSpec spec, int maxRecordBytes)
            throws IOException {
        long start = 0;
        if (piece.start() > 0) {
            try (FSDataInputStream in = fs.open(new Path(piece.file()))) {
                // The first line start at or after the piece's first byte: after the first line break from the
                // byte before it.
                in.seek(piece.start() - 1);
                LineSource lines = new LineSource(in, maxRecordBytes, piece.start() - 1, 0);
                lines.skip();
                start = lines.offset();
            }
            if (start >= piece.end()) {
                return new Scan(piece, start, start, 0, false);
            }
        }
        return scan(fs, new Start(piece, start, 0), spec, maxRecordBytes);
    }

    /** Scans a piece from {@code from}, a line start. */
    static Scan scan(FileSystem fs, Start from, DatasetSpec spec, int maxRecordBytes) throws IOException {
        Records records = open(fs, from, spec, maxRecordBytes);
        LineSource lines = records.lines;
        if (records instanceof JsonRecords || records instanceof GdeltRecords) {
            // Every line start of JSON Lines or GDELT exports is between records: skipping lines to the piece's
            // end will do.
            boolean endOfFile = false;
            try (lines) {
                while (!endOfFile && !from.piece().endsAt(lines.offset())) {
                    endOfFile = !lines.skip();
                }
            }
            return new Scan(from.piece(), from.offset(), lines.offset(), lines.number() - from.linesBefore(),
                    endOfFile);
        }
        while (records.hasNext()) {
            records.next();
        }
        return new Scan(from.piece(), from.offset(), lines.offset(), lines.number() - from.linesBefore(),
                records.reachedEndOfFile());
    }

    /** The records of a piece from where its reading begins. */
    static Records open(FileSystem fs, Start start, DatasetSpec spec, int maxRecordBytes) throws IOException {
        FilePacking.Piece piece = start.piece();
        FSDataInputStream in = fs.open(new Path(piece.file()));
        try {
            if (spec == DatasetSpec.EVENTS) {
                return events(in, start, spec, maxRecordBytes);
            }
            boolean csv = "csv".equals(InputFiles.format(piece.file()));
            if (start.offset() == 0) {
                LineSource lines = new LineSource(in, maxRecordBytes, 0, start.linesBefore());
                return csv ? new CsvRecords(piece, lines, spec) : new JsonRecords(piece, lines, spec);
            }
            LineSource lines = new LineSource(in, maxRecordBytes, start.offset(), start.linesBefore());
            if (!csv) {
                in.seek(start.offset());
                return new JsonRecords(piece, lines, spec);
            }
            // A CSV piece needs the file's header: read from the file's first byte, before seeking to the piece.
            CsvRecords records = new CsvRecords(piece, lines, spec);
            records.readHeaderFrom(new LineSource(in, maxRecordBytes));
            in.seek(start.offset());
            return records;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** A GDELT file: every line starts a record. A zipped one is never cut, and is read through its one file. */
    private static Records events(FSDataInputStream in, Start start, DatasetSpec spec, int maxRecordBytes)
            throws IOException {
        FilePacking.Piece piece = start.piece();
        if (InputFiles.isZipped(piece.file())) {
            return new GdeltRecords(piece, new LineSource(ZipEntryStream.open(in, piece.file()), maxRecordBytes),
                    spec);
        }
        in.seek(start.offset());
        return new GdeltRecords(piece, new LineSource(in, maxRecordBytes, start.offset(), start.linesBefore()), spec);
    }

    /**
     * Walks a file's scans (the latest of each piece wins) from its first byte. Each scan that begins where the
     * piece before ends gives that piece its start; a piece whose scan began elsewhere is to be scanned again from
     * there, and the walk goes on with its old scan, so that every round settles all it can. With {@code last},
     * a walk that does not settle gives up: the last piece proven reads on to the file's end.
     */
    static Chain chain(List<Scan> scans, boolean last) {
        Map<Integer, Scan> byIndex = new HashMap<>();
        scans.forEach(s -> byIndex.put(s.piece().index(), s));
        Map<Integer, Start> starts = new TreeMap<>();
        List<Start> rescans = new ArrayList<>();
        boolean proven = true;
        long linesBefore = 0;
        Scan s = byIndex.get(0);
        while (true) {
            if (proven) {
                starts.put(s.piece().index(), new Start(s.piece(), s.start(), linesBefore));
            }
            if (s.reachedEndOfFile()) {
                return new Chain(starts, rescans);
            }
            // The piece holding the place where this one ends begins there.
            Scan next = byIndex.get(s.piece().holding(s.end()).index());
            if (next.start() != s.end()) {
                rescans.add(new Start(next.piece(), s.end(), 0));
                if (proven && last) {
                    starts.put(s.piece().index(), new Start(s.piece().toFileEnd(), s.start(), linesBefore));
                    return new Chain(starts, List.of());
                }
                proven = false;
            }
            linesBefore += s.lines();
            s = next;
        }
    }
}
