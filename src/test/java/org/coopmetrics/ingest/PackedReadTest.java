package org.coopmetrics.ingest;

import static org.coopmetrics.SparkTestSupport.spark;
import static org.coopmetrics.SparkTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many small files share read tasks, a large file is read in pieces by several tasks, every record keeps its own
 * file and line, and the reader counts them.
 */
class PackedReadTest {
    @TempDir
    Path dir;

    @Test
    void tenFilesInFourTasksKeepTheirFilesAndLines() {
        List<String> files = new ArrayList<>();
        TreeSet<String> expected = new TreeSet<>();
        for (int f = 0; f < 10; f++) {
            // a blank line between the two records: the second is line 3 of its file
            Path p = write(dir, String.format("statements/s%02d.jsonl", f), "{\"statement_id\":\"a" + f + "\"}\n\n"
                    + "{\"statement_id\":\"b" + f + "\"}\n");
            files.add(p.toUri().toString());
            expected.add(String.format("s%02d.jsonl:1 a%d", f, f));
            expected.add(String.format("s%02d.jsonl:3 b%d", f, f));
        }
        RawRecordReader reader = new RawRecordReader(DatasetSpec.STATEMENTS, 1024, new Configuration());
        List<Long> bytes = files.stream().map(f -> 30L).toList();
        RecordsRead tally = new RecordsRead();
        spark().sparkContext().register(tally, "test records read");
        Dataset<Row> rows = reader.read(spark(), files, bytes, tally, new RawRecordReader.AsRead(DatasetSpec.STATEMENTS));
        // local[2]: two tasks a core, so ten files of equal size go two, three, two and three to a task
        assertEquals(4, rows.rdd().getNumPartitions());
        TreeSet<String> got = new TreeSet<>();
        for (Row r : rows.select("source_file", "line", "statement_id").collectAsList()) {
            String file = r.getString(0);
            got.add(file.substring(file.lastIndexOf('/') + 1) + ":" + r.getLong(1) + " " + r.getString(2));
        }
        assertEquals(expected, got);
        // The reader's own tally: two records in each file, and reading again counts nothing twice.
        assertEquals(10, tally.value().size());
        tally.value().forEach((file, n) -> assertEquals(2L, n, file));
        assertEquals(20, rows.count());
        assertEquals(20L, tally.value().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void oneFileReadInPiecesByManyTasksGivesTheRowsOfTheWholeFile() {
        // 300 records, some quoted over two lines, some blank lines: about 5 KB.
        StringBuilder csv = new StringBuilder("\uFEFFstatement_id,quote,recorded_at\r\n");
        for (int i = 0; i < 300; i++) {
            csv.append(i % 7 == 0 ? "s" + i + ",\"two\nlines\",2025-09-11T08:00:00Z\n" : "s" + i + ",plain,x\n");
            csv.append(i % 11 == 0 ? "\n" : "");
        }
        Path p = write(dir, "statements/big.csv", csv.toString());
        String file = p.toUri().toString();
        List<Long> bytes = List.of((long) csv.length());
        Dataset<Row> whole = new RawRecordReader(DatasetSpec.STATEMENTS, 1024, new Configuration())
                .read(spark(), List.of(file));
        RawRecordReader inPieces = new RawRecordReader(DatasetSpec.STATEMENTS, 1024, 100, new Configuration());
        RecordsRead tally = new RecordsRead();
        spark().sparkContext().register(tally, "test records read in pieces");
        Dataset<Row> pieces = inPieces.read(spark(), List.of(file), bytes, tally,
                new RawRecordReader.AsRead(DatasetSpec.STATEMENTS));
        // local[2]: four tasks, a piece each
        assertEquals(4, pieces.rdd().getNumPartitions());
        assertEquals(1, whole.rdd().getNumPartitions());
        List<Row> expected = whole.collectAsList();
        assertEquals(300, expected.size());
        assertEquals(new TreeSet<>(expected.stream().map(Row::toString).toList()),
                new TreeSet<>(pieces.collectAsList().stream().map(Row::toString).toList()));
        assertEquals(java.util.Map.of(file, 300L), tally.value());
        // Read again (a cache rebuilt, a retried task): the pieces count once.
        assertEquals(300, pieces.count());
        assertEquals(java.util.Map.of(file, 300L), tally.value());
    }
}
