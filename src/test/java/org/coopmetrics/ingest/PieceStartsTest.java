package org.coopmetrics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file read in pieces gives exactly the records of the file read whole, whatever the pieces: generated tricky
 * files (quoted line breaks across piece ends, stray and unclosed quotes, over-long lines, blank lines, CRLF, a
 * BOM, bytes that are not UTF-8, no final newline, bad headers) cut at every size from one byte up. Through the
 * Hadoop local file system, without Spark.
 */
class PieceStartsTest {
    static final int LIMIT = 120;
    /** Piece sizes: every byte offset (1) and sizes between; each file has 1-4 KB. */
    static final long[] PIECE_BYTES = {1, 2, 3, 5, 8, 13, 21, 40, 77, 150, 300, 600, 1200};

    @TempDir
    static Path dir;

    static FileSystem fs;

    @BeforeAll
    static void localFileSystem() throws IOException {
        fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    }

    @Test
    void csvFilesReadInPiecesGiveTheWholeFilesRecords() throws IOException {
        for (int seed = 0; seed < 8; seed++) {
            assertPiecesReadAsWhole(write("gen-" + seed + ".csv", csv(new Random(seed))));
        }
    }

    @Test
    void jsonLinesReadInPiecesGiveTheWholeFilesRecords() throws IOException {
        for (int seed = 0; seed < 4; seed++) {
            assertPiecesReadAsWhole(write("gen-" + seed + ".jsonl", jsonl(new Random(seed))));
        }
    }

    @Test
    void csvWithoutAUsableHeaderReadInPieces() throws IOException {
        assertPiecesReadAsWhole(write("no-id.csv", bytes("quote,recorded_at\na,b\n\"x\ny\",z\nc,d\n")));
        assertPiecesReadAsWhole(write("headerless.csv", bytes("\n\nh1,\"a\nb\",c\nh2,d,e\n")));
        assertPiecesReadAsWhole(write("long-header.csv", bytes("statement_id," + "x".repeat(200) + "\na,b\n")));
        assertPiecesReadAsWhole(write("blank-before-header.csv",
                bytes("\n".repeat(40) + "statement_id,quote\n\n\na,\"b\n\nc\"\nd,e\n")));
    }

    @Test
    void aQuotedRecordAcrossAPieceEndIsReadByThePieceItBeginsIn() throws IOException {
        // Bytes: the header 0-18, q1 19-42 (a quoted field over four lines), q2 43-51.
        Path file = write("across.csv", bytes("statement_id,quote\nq1,\"one\ntwo\nthree\nfour\"\nq2,after\n"));
        assertPiecesReadAsWhole(file);
        // Pieces of 10 bytes: piece 0 reads the header, piece 1 all of q1 (to byte 43, in piece 4), piece 4 q2
        // after 5 lines, piece 5 the file's end. Pieces 2 and 3 guessed starts inside the quoted field (bytes 27
        // and 31): no reading begins there.
        List<FilePacking.Piece> pieces = pieces(file, 10);
        Map<Integer, PieceStarts.Start> starts = LOCAL.startsOf(pieces);
        assertEquals(List.of(0, 1, 4, 5), List.copyOf(starts.keySet()), starts.toString());
        assertEquals(new PieceStarts.Start(pieces.get(1), 19, 1), starts.get(1));
        assertEquals(new PieceStarts.Start(pieces.get(4), 43, 5), starts.get(4));
        assertEquals(0, LOCAL.rescans);
        // Pieces of 12 bytes: q1 ends in piece 3, whose guess (byte 37) is inside the quoted field: it is scanned
        // again from byte 43.
        pieces = pieces(file, 12);
        starts = LOCAL.startsOf(pieces);
        assertEquals(1, LOCAL.rescans);
        assertEquals(List.of(0, 1, 3, 4), List.copyOf(starts.keySet()), starts.toString());
        assertEquals(new PieceStarts.Start(pieces.get(3), 43, 5), starts.get(3));
    }

    @Test
    void scansThatDoNotSettleLeaveTheRestToTheLastPieceProven() throws IOException {
        Path file = write("unsettled.csv", bytes("statement_id,quote\nq1,\"one\ntwo\nthree\nfour\"\nq2,after\n"));
        List<FilePacking.Piece> pieces = pieces(file, 12);
        List<PieceStarts.Scan> scans = new ArrayList<>();
        for (FilePacking.Piece p : pieces) {
            scans.add(PieceStarts.scan(fs, p, DatasetSpec.STATEMENTS, LIMIT));
        }
        PieceStarts.Chain chain = PieceStarts.chain(scans, true);
        assertEquals(List.of(), chain.rescans());
        assertEquals(List.of(0, 1), List.copyOf(chain.starts().keySet()));
        assertEquals(new PieceStarts.Start(pieces.get(1).toFileEnd(), 19, 1), chain.starts().get(1));
        assertEquals(read(List.of(PieceStarts.Start.whole(file.toUri().toString()))),
                read(List.copyOf(chain.starts().values())));
    }

    /** Reads the file whole, then in pieces of every size in PIECE_BYTES, and compares the records. */
    static void assertPiecesReadAsWhole(Path file) throws IOException {
        List<String> whole = read(List.of(PieceStarts.Start.whole(file.toUri().toString())));
        long size = Files.size(file);
        boolean someCut = false;
        for (long pieceBytes : PIECE_BYTES) {
            if (pieceBytes >= size) {
                continue;
            }
            List<PieceStarts.Start> starts = List.copyOf(LOCAL.startsOf(pieces(file, pieceBytes)).values());
            someCut |= starts.size() > 1;
            assertEquals(whole, read(starts), file.getFileName() + " in pieces of " + pieceBytes + " bytes");
        }
        assertTrue(someCut || whole.size() < 2, file.getFileName() + " was never read in more than one piece");
    }

    /** Scans one after the other, counting the scans again. */
    static final class LocalScanner implements PieceStarts.Scanner {
        int rescans;

        Map<Integer, PieceStarts.Start> startsOf(List<FilePacking.Piece> pieces) {
            rescans = 0;
            Map<String, Map<Integer, PieceStarts.Start>> byFile = PieceStarts.starts(pieces, this);
            assertEquals(1, byFile.size());
            return byFile.values().iterator().next();
        }

        @Override
        public List<PieceStarts.Scan> fromFirstLineStarts(List<FilePacking.Piece> pieces) {
            List<PieceStarts.Scan> scans = new ArrayList<>();
            for (FilePacking.Piece p : pieces) {
                try {
                    scans.add(PieceStarts.scan(fs, p, DatasetSpec.STATEMENTS, LIMIT));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return scans;
        }

        @Override
        public List<PieceStarts.Scan> from(List<PieceStarts.Start> starts) {
            rescans += starts.size();
            List<PieceStarts.Scan> scans = new ArrayList<>();
            for (PieceStarts.Start s : starts) {
                try {
                    scans.add(PieceStarts.scan(fs, s, DatasetSpec.STATEMENTS, LIMIT));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return scans;
        }
    }

    static final LocalScanner LOCAL = new LocalScanner();

    static List<FilePacking.Piece> pieces(Path file, long pieceBytes) throws IOException {
        long size = Files.size(file);
        int count = (int) ((size + pieceBytes - 1) / pieceBytes);
        List<FilePacking.Piece> pieces = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            pieces.add(new FilePacking.Piece(file.toUri().toString(), k, count, pieceBytes));
        }
        return pieces;
    }

    /** The records read from each start in turn, as text: file, line, raw text, error and values. */
    static List<String> read(List<PieceStarts.Start> starts) throws IOException {
        List<String> out = new ArrayList<>();
        for (PieceStarts.Start start : starts) {
            Records records = PieceStarts.open(fs, start, DatasetSpec.STATEMENTS, LIMIT);
            records.forEachRemaining(r -> out.add(r.line() + " " + r.raw() + " | " + r.readError() + " | "
                    + Arrays.deepToString(r.values())));
        }
        return out;
    }

    static Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A CSV file of random tricky lines, with the header statement_id,quote,recorded_at. */
    static byte[] csv(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(3) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        String[] palette = {
            "c%d,plain,2025-09-11T08:00:00Z",
            "c%d,\"a, comma\",2025-09-11T08:00:00Z",
            "c%d,\"two\nlines\",2025-09-11T08:00:00Z",
            "c%d,\"para\n\nafter a blank line\nand more\",2025-09-11T08:00:00Z",
            "c%d,\"say \"\"hi\"\"\",2025-09-11T08:00:00Z",
            "c%d,\"never closed,2025-09-11T08:00:00Z",
            "c%d,\"cut short",
            "c%d,stray\"quote,2025-09-11T08:00:00Z",
            "c%d,too,many,fields,2025-09-11T08:00:00Z",
            "c%d,few",
            "c%d,\"" + "long ".repeat(30) + "\",2025-09-11T08:00:00Z",
            "c%d,\"open\n" + "x".repeat(70) + "\n" + "y".repeat(70) + "\",2025-09-11T08:00:00Z",
            "c%d,\"\n\",2025-09-11T08:00:00Z",
            "",
            "   ",
            "\uFEFFc%d,bom inside,2025-09-11T08:00:00Z",
        };
        out.writeBytes(bytes(random.nextInt(4) == 0 ? "\n" : ""));
        out.writeBytes(bytes("statement_id,quote,recorded_at" + (random.nextBoolean() ? "\r\n" : "\n")));
        int lines = 20 + random.nextInt(40);
        for (int i = 0; i < lines; i++) {
            int pick = random.nextInt(palette.length + 1);
            if (pick == palette.length) {
                out.writeBytes(bytes("c" + i + ",caf"));
                out.write(0xE9); // Latin-1: not UTF-8
                out.writeBytes(bytes(",2025-09-11T08:00:00Z"));
            } else {
                out.writeBytes(bytes(String.format(palette[pick], i)));
            }
            boolean last = i == lines - 1;
            if (!last || random.nextBoolean()) {
                out.writeBytes(bytes(random.nextInt(4) == 0 ? "\r\n" : "\n"));
            }
        }
        return out.toByteArray();
    }

    /** A JSON Lines file of random tricky lines. */
    static byte[] jsonl(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(3) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        String[] palette = {
            "{\"statement_id\":\"j%d\",\"quote\":\"plain\"}",
            "{\"statement_id\":\"j%d\",\"quote\": oops}",
            "{\"statement_id\":\"j%d\",\"quote\":\"" + "z".repeat(150) + "\"}",
            "[\"j%d\"]",
            "",
            " \t ",
            "{\"statement_id\":\"j%d\",\"sectors\":[\"a\",\"b\",\"a\"]}",
        };
        int lines = 20 + random.nextInt(40);
        for (int i = 0; i < lines; i++) {
            int pick = random.nextInt(palette.length + 1);
            if (pick == palette.length) {
                out.writeBytes(bytes("{\"statement_id\":\"j" + i + "\",\"quote\":\"caf"));
                out.write(0xE9);
                out.writeBytes(bytes("\"}"));
            } else {
                out.writeBytes(bytes(String.format(palette[pick], i)));
            }
            if (i < lines - 1 || random.nextBoolean()) {
                out.writeBytes(bytes(random.nextInt(4) == 0 ? "\r\n" : "\n"));
            }
        }
        return out.toByteArray();
    }
}
