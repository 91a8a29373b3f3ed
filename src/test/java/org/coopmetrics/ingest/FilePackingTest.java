package org.coopmetrics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How files are packed (and large ones cut) into read tasks: plain values, no Spark. */
class FilePackingTest {
    static List<String> names(int n) {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            files.add(String.format("f%04d", i));
        }
        return files;
    }

    /** The groups' files, each whole. */
    static List<List<String>> files(List<List<FilePacking.Piece>> groups) {
        return groups.stream().map(g -> g.stream().map(p -> {
            assertEquals(FilePacking.Piece.whole(p.file()), p);
            return p.file();
        }).toList()).toList();
    }

    @Test
    void manySmallFilesShareTasksInOrder() {
        // 3,000 files of 10 bytes for 4 tasks: 30,000 bytes, 7,500 a task, 750 files each.
        List<List<String>> groups = files(FilePacking.pack(names(3000), Collections.nCopies(3000, 10L), 4,
                FilePacking.MIN_PIECE_BYTES));
        assertEquals(4, groups.size());
        groups.forEach(g -> assertEquals(750, g.size()));
        assertEquals("f0000", groups.get(0).get(0));
        assertEquals("f0750", groups.get(1).get(0));
        assertEquals("f2999", groups.get(3).get(749));
    }

    @Test
    void aFileGoesToTheTaskHoldingItsMiddleByte() {
        // 10 files of 30 bytes for 4 tasks: shares of 75 bytes; middles at 15, 45, 75, ... give 2, 3, 2, 3 files.
        List<List<String>> groups = files(FilePacking.pack(names(10), Collections.nCopies(10, 30L), 4,
                FilePacking.MIN_PIECE_BYTES));
        assertEquals(List.of(2, 3, 2, 3), groups.stream().map(List::size).toList());
    }

    @Test
    void fewerFilesThanTasksGiveATaskEach() {
        assertEquals(List.of(List.of("f0000"), List.of("f0001"), List.of("f0002")),
                files(FilePacking.pack(names(3), List.of(100L, 5L, 7L), 4,
                FilePacking.MIN_PIECE_BYTES)));
    }

    @Test
    void aLargeFileIsATaskOfItsOwnAndSmallOnesFillTheRest() {
        // 1,000 + 10 + 10 + 10 bytes for 2 tasks: a share is 515 bytes; the large file alone, the rest together.
        assertEquals(List.of(List.of("f0000"), List.of("f0001", "f0002", "f0003")),
                files(FilePacking.pack(names(4), List.of(1000L, 10L, 10L, 10L), 2,
                FilePacking.MIN_PIECE_BYTES)));
        // Order is kept: small files before the large one stay together, then the large one.
        assertEquals(List.of(List.of("f0000", "f0001", "f0002"), List.of("f0003")),
                files(FilePacking.pack(names(4), List.of(10L, 10L, 10L, 1000L), 2,
                FilePacking.MIN_PIECE_BYTES)));
    }

    @Test
    void largeInputsGetATaskPer128MiB() {
        // 10 files of 100 MiB: 1,000 MiB is 8 tasks of at most 128 MiB, so each file is a task of its own.
        List<List<String>> groups = files(FilePacking.pack(names(10), Collections.nCopies(10, 100L << 20), 2,
                FilePacking.MIN_PIECE_BYTES));
        assertEquals(10, groups.size());
        // 40 files of 10 MiB: 400 MiB in 4 tasks of 100 MiB (10 files each).
        groups = files(FilePacking.pack(names(40), Collections.nCopies(40, 10L << 20), 2,
                FilePacking.MIN_PIECE_BYTES));
        assertEquals(4, groups.size());
        groups.forEach(g -> assertEquals(10, g.size()));
    }

    @Test
    void oneLargeFileIsCutIntoAPieceATask() {
        // 3 GiB for 4 tasks: 24 tasks of 128 MiB, a piece each.
        List<List<FilePacking.Piece>> groups = FilePacking.pack(names(1), List.of(3L << 30), 4,
                FilePacking.MIN_PIECE_BYTES);
        assertEquals(24, groups.size());
        for (int k = 0; k < 24; k++) {
            assertEquals(List.of(new FilePacking.Piece("f0000", k, 24, 128L << 20)), groups.get(k));
        }
        // 100 MiB for 4 tasks: a piece of 25 MiB a task.
        groups = FilePacking.pack(names(1), List.of(100L << 20), 4, FilePacking.MIN_PIECE_BYTES);
        assertEquals(4, groups.size());
        assertEquals(new FilePacking.Piece("f0000", 3, 4, 25L << 20), groups.get(3).get(0));
    }

    @Test
    void piecesAreEqualAndNoSmallerThanAsked() {
        // 250 bytes for 2 tasks: a share of 125 bytes, so two pieces of 125.
        assertEquals(List.of(List.of(new FilePacking.Piece("f0000", 0, 2, 125)),
                        List.of(new FilePacking.Piece("f0000", 1, 2, 125))),
                FilePacking.pack(names(1), List.of(250L), 2, 100));
        // Pieces of at least 100 bytes: 199 bytes stay whole.
        assertEquals(List.of(List.of("f0000")), files(FilePacking.pack(names(1), List.of(199L), 2, 100)));
        // A large file among small ones, for 4 tasks of 25 bytes: its four pieces of 20 packed like files.
        List<List<FilePacking.Piece>> groups = FilePacking.pack(names(3), List.of(10L, 80L, 10L), 4, 10);
        assertEquals(List.of(List.of("f0000", "f0001"), List.of("f0001"), List.of("f0001"), List.of("f0001", "f0002")),
                groups.stream().map(g -> g.stream().map(FilePacking.Piece::file).toList()).toList());
        assertEquals(new FilePacking.Piece("f0001", 2, 4, 20), groups.get(2).get(0));
        // 3,000 MB for 4 tasks: 23 tasks of at most 128 MiB, so 23 pieces, not 22 larger ones.
        assertEquals(23, FilePacking.pack(names(1), List.of(3_000_000_000L), 4, FilePacking.MIN_PIECE_BYTES).size());
    }

    @Test
    void aPieceEndsAtItsEndAndTheLastAtTheFilesEnd() {
        FilePacking.Piece second = new FilePacking.Piece("f", 1, 3, 10); // bytes 10-19 of 25
        assertEquals(10, second.start());
        assertEquals(20, second.end());
        assertFalse(second.endsAt(19));
        assertTrue(second.endsAt(20));
        assertEquals(new FilePacking.Piece("f", 2, 3, 10), second.holding(24));
        assertEquals(new FilePacking.Piece("f", 2, 3, 10), second.holding(31), "the last piece runs to the end");
        assertEquals(Long.MAX_VALUE, new FilePacking.Piece("f", 2, 3, 10).end());
        assertEquals(Long.MAX_VALUE, second.toFileEnd().end());
        assertFalse(FilePacking.Piece.whole("f").endsAt(1L << 40));
    }

    @Test
    void emptyFilesStillCountAndSizesMustMatch() {
        assertEquals(2, files(FilePacking.pack(names(4), Collections.nCopies(4, 0L), 2,
                FilePacking.MIN_PIECE_BYTES)).size());
        assertEquals(List.of(), files(FilePacking.pack(List.of(), List.of(), 2,
                FilePacking.MIN_PIECE_BYTES)));
        assertThrows(IllegalArgumentException.class, () -> files(FilePacking.pack(names(2), List.of(1L), 2,
                FilePacking.MIN_PIECE_BYTES)));
    }
}
