package org.coopmetrics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How files are packed into read tasks: plain values, no Spark. */
class FilePackingTest {
    static List<String> names(int n) {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            files.add(String.format("f%04d", i));
        }
        return files;
    }

    @Test
    void manySmallFilesShareTasksInOrder() {
        // 3,000 files of 10 bytes for 4 tasks: 30,000 bytes, 7,500 a task, 750 files each.
        List<List<String>> groups = FilePacking.pack(names(3000), Collections.nCopies(3000, 10L), 4);
        assertEquals(4, groups.size());
        groups.forEach(g -> assertEquals(750, g.size()));
        assertEquals("f0000", groups.get(0).get(0));
        assertEquals("f0750", groups.get(1).get(0));
        assertEquals("f2999", groups.get(3).get(749));
    }

    @Test
    void aFileGoesToTheTaskHoldingItsMiddleByte() {
        // 10 files of 30 bytes for 4 tasks: shares of 75 bytes; middles at 15, 45, 75, ... give 2, 3, 2, 3 files.
        List<List<String>> groups = FilePacking.pack(names(10), Collections.nCopies(10, 30L), 4);
        assertEquals(List.of(2, 3, 2, 3), groups.stream().map(List::size).toList());
    }

    @Test
    void fewerFilesThanTasksGiveATaskEach() {
        assertEquals(List.of(List.of("f0000"), List.of("f0001"), List.of("f0002")),
                FilePacking.pack(names(3), List.of(100L, 5L, 7L), 4));
    }

    @Test
    void aLargeFileIsATaskOfItsOwnAndSmallOnesFillTheRest() {
        // 1,000 + 10 + 10 + 10 bytes for 2 tasks: a share is 515 bytes; the large file alone, the rest together.
        assertEquals(List.of(List.of("f0000"), List.of("f0001", "f0002", "f0003")),
                FilePacking.pack(names(4), List.of(1000L, 10L, 10L, 10L), 2));
        // Order is kept: small files before the large one stay together, then the large one.
        assertEquals(List.of(List.of("f0000", "f0001", "f0002"), List.of("f0003")),
                FilePacking.pack(names(4), List.of(10L, 10L, 10L, 1000L), 2));
    }

    @Test
    void largeInputsGetATaskPer128MiB() {
        // 10 files of 100 MiB: 1,000 MiB is 8 tasks of at most 128 MiB, so each file is a task of its own.
        List<List<String>> groups = FilePacking.pack(names(10), Collections.nCopies(10, 100L << 20), 2);
        assertEquals(10, groups.size());
        // 40 files of 10 MiB: 400 MiB in 4 tasks of 100 MiB (10 files each).
        groups = FilePacking.pack(names(40), Collections.nCopies(40, 10L << 20), 2);
        assertEquals(4, groups.size());
        groups.forEach(g -> assertEquals(10, g.size()));
    }

    @Test
    void emptyFilesStillCountAndSizesMustMatch() {
        assertEquals(2, FilePacking.pack(names(4), Collections.nCopies(4, 0L), 2).size());
        assertEquals(List.of(), FilePacking.pack(List.of(), List.of(), 2));
        assertThrows(IllegalArgumentException.class, () -> FilePacking.pack(names(2), List.of(1L), 2));
    }
}
