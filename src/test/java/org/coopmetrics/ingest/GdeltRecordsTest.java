package org.coopmetrics.ingest;

import static org.coopmetrics.SparkTestSupport.spark;
import static org.coopmetrics.SparkTestSupport.write;
import static org.coopmetrics.SparkTestSupport.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GDELT 2.0 event exports read as GDELT publishes them: the real sample (three fifteen-minute batches of 2017,
 * written by GDELT, not here), the same zipped, in pieces, and lines of the wrong width or not UTF-8.
 */
class GdeltRecordsTest {
    /** The sample's files and their lines (wc -l): every line is one event. */
    private static final Map<String, Long> SAMPLE_LINES = Map.of(
            "20170501234500.export.CSV", 2105L, "20170601234500.export.CSV", 2393L,
            "20170701234500.export.CSV", 1592L);
    private static final Path SAMPLE = Path.of("data/curated/events");

    @TempDir
    Path dir;

    @Test
    void theRealSampleGivesEveryLineAsAnEventWithItsFields() {
        InputFiles.Listing listing = InputFiles.list(Path.of("data/curated").toUri().toString(), DatasetSpec.EVENTS,
                new Configuration());
        assertEquals(List.of(), listing.ignored());
        RecordsRead tally = new RecordsRead();
        Dataset<Row> rows = read(listing.files(), listing.bytes(), tally, FilePacking.MIN_PIECE_BYTES);

        assertEquals(6090, rows.count());
        assertEquals(0, rows.filter("read_error is not null").count());
        assertEquals(SAMPLE_LINES, byName(tally.value()));

        // The first line of the July batch, field by field as the file has it (an empty field is null).
        Row first = rows.filter("GLOBALEVENTID = '669666350'").select("source_file", "line", "SQLDATE",
                "Actor1CountryCode", "Actor2Code", "EventCode", "EventRootCode", "GoldsteinScale", "NumMentions",
                "AvgTone", "DATEADDED", "SOURCEURL").first();
        assertTrue(first.getString(0).endsWith("/20170701234500.export.CSV"), first.getString(0));
        assertEquals(1L, first.getLong(1));
        assertEquals("20070704", first.getString(2));
        assertNull(first.get(3));
        assertEquals("CVL", first.getString(4));
        assertEquals("040", first.getString(5));
        assertEquals("04", first.getString(6));
        assertEquals("1.0", first.getString(7));
        assertEquals("5", first.getString(8));
        assertEquals("-0.11641443538999001", first.getString(9));
        assertEquals("20170701234500", first.getString(10));
        assertEquals("http://www.cvilletomorrow.org/news/article/27698-riverbend-planning-major-belmont-development/",
                first.getString(11));
        // Its last line.
        Row last = rows.filter("GLOBALEVENTID = '669667941'").select("line", "Actor2CountryCode", "EventCode",
                "SOURCEURL").first();
        assertEquals(1592L, last.getLong(0));
        assertEquals("USA", last.getString(1));
        assertEquals("051", last.getString(2));
        assertEquals("http://freerepublic.com/focus/f-news/3565871/posts", last.getString(3));
    }

    @Test
    void aZippedExportReadsAsThePlainOne() throws IOException {
        Path plain = SAMPLE.resolve("20170701234500.export.CSV");
        Path zipped = dir.resolve("events/20170701234500.export.CSV.zip");
        Files.createDirectories(zipped.getParent());
        Files.write(zipped, zip(Map.of("20170701234500.export.CSV", Files.readAllBytes(plain))));

        RecordsRead tally = new RecordsRead();
        Dataset<Row> fromZip = read(List.of(zipped.toUri().toString()), List.of(Files.size(zipped)), tally,
                FilePacking.MIN_PIECE_BYTES).drop("source_file");
        Dataset<Row> fromPlain = read(List.of(plain.toUri().toString()), List.of(Files.size(plain)), null,
                FilePacking.MIN_PIECE_BYTES).drop("source_file");
        assertEquals(1592, fromZip.count());
        assertEquals(0, fromZip.exceptAll(fromPlain).count());
        assertEquals(0, fromPlain.exceptAll(fromZip).count());
        assertEquals(Map.of("20170701234500.export.CSV.zip", 1592L), byName(tally.value()));
    }

    @Test
    void aPlainExportReadInPiecesGivesTheRowsOfTheWholeFile() throws IOException {
        Path plain = SAMPLE.resolve("20170601234500.export.CSV"); // 982,486 bytes
        List<String> files = List.of(plain.toUri().toString());
        List<Long> bytes = List.of(Files.size(plain));
        RecordsRead tally = new RecordsRead();
        Dataset<Row> inPieces = read(files, bytes, tally, 64 << 10);
        Dataset<Row> whole = read(files, bytes, null, FilePacking.MIN_PIECE_BYTES);
        assertEquals(4, inPieces.rdd().getNumPartitions()); // two tasks a core, a piece each
        assertEquals(1, whole.rdd().getNumPartitions());
        assertEquals(2393, inPieces.count());
        assertEquals(0, inPieces.exceptAll(whole).count());
        assertEquals(0, whole.exceptAll(inPieces).count());
        assertEquals(Map.of("20170601234500.export.CSV", 2393L), byName(tally.value()));
    }

    @Test
    void aLineOfTheWrongWidthOrNotUtf8IsMalformedAloneAndKeepsItsId() {
        String good = event("1");
        String sixty = good.substring(good.indexOf('\t') + 1).replaceFirst("^[^\t]*", "2"); // id 2, 60 fields
        byte[] notUtf8 = (event("4").replace("CVL", "C\u00ffL")).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes((good + "\n" + sixty + "\n\n").getBytes(StandardCharsets.UTF_8));
        file.writeBytes(notUtf8);
        file.writeBytes(("\n" + event("5")).getBytes(StandardCharsets.UTF_8)); // no final line break
        Path bad = writeBytes(dir, "events/bad.export.CSV", file.toByteArray());

        RecordsRead tally = new RecordsRead();
        List<Row> rows = read(List.of(bad.toUri().toString()), List.of(100L), tally, FilePacking.MIN_PIECE_BYTES)
                .orderBy("line").select("line", "GLOBALEVENTID", "read_error", "SQLDATE").collectAsList();
        assertEquals(4, rows.size()); // the blank line is layout, not a record
        assertEquals(List.of(1L, 2L, 4L, 5L), rows.stream().map(r -> r.getLong(0)).toList());
        assertEquals(List.of("1", "2", "4", "5"), rows.stream().map(r -> r.getString(1)).toList());
        assertNull(rows.get(0).get(2));
        assertEquals("20170701", rows.get(0).getString(3));
        assertEquals("GDELT event record has 60 tab-separated fields; a GDELT 2.0 event export has 61",
                rows.get(1).getString(2));
        assertNull(rows.get(1).get(3)); // a malformed record keeps its id alone
        assertTrue(rows.get(2).getString(2).contains("UTF-8"), rows.get(2).getString(2));
        assertNull(rows.get(3).get(2));
        assertEquals(Map.of("bad.export.CSV", 4L), byName(tally.value()));
    }

    @Test
    void anArchiveHoldingTwoFilesIsAnErrorNamingIt() throws IOException {
        Path twice = dir.resolve("events/two.export.CSV.zip");
        Files.createDirectories(twice.getParent());
        Files.write(twice, zip(new TreeMap<>(Map.of("a.export.CSV", (event("1") + "\n").getBytes(
                StandardCharsets.UTF_8), "b.export.CSV", (event("2") + "\n").getBytes(StandardCharsets.UTF_8)))));
        Exception e = assertThrows(Exception.class, () -> read(List.of(twice.toUri().toString()), List.of(100L),
                null, FilePacking.MIN_PIECE_BYTES).count());
        String messages = messages(e);
        assertTrue(messages.contains("two.export.CSV.zip holds more than one file"), messages);
    }

    @Test
    void theEventsFolderListsExportsPlainAndZippedAndIgnoresTheRest() {
        write(dir, "events/20170701234500.export.CSV", event("1") + "\n");
        write(dir, "events/2017/20170701234500.export.CSV.zip", "not read here");
        write(dir, "events/20170701234500.mentions.CSV", "mentions are another table");
        write(dir, "events/README.txt", "where the files came from");
        InputFiles.Listing listing = InputFiles.list(dir.toUri().toString(), DatasetSpec.EVENTS, new Configuration());
        assertEquals(List.of("20170701234500.export.CSV.zip", "20170701234500.export.CSV"),
                listing.files().stream().map(f -> f.substring(f.lastIndexOf('/') + 1)).toList());
        assertEquals(List.of("20170701234500.mentions.CSV", "README.txt"),
                listing.ignored().stream().map(f -> f.substring(f.lastIndexOf('/') + 1)).toList());
    }

    @Test
    void aZippedFileIsNeverCutIntoPieces() {
        List<List<FilePacking.Piece>> groups = FilePacking.pack(List.of("a.export.CSV", "b.export.CSV.zip"),
                List.of(256L << 20, 256L << 20), 4, FilePacking.MIN_PIECE_BYTES, f -> !InputFiles.isZipped(f));
        List<FilePacking.Piece> pieces = groups.stream().flatMap(List::stream).toList();
        assertEquals(List.of(1), pieces.stream().filter(p -> p.file().endsWith(".zip")).map(FilePacking.Piece::count)
                .toList());
        assertTrue(pieces.stream().filter(p -> p.file().endsWith(".CSV")).count() > 1);
    }

    /** A GDELT line with the given id: the sample's first line, its id replaced. */
    private static String event(String id) {
        List<String> cells = new ArrayList<>(Collections.nCopies(61, ""));
        cells.set(0, id);
        cells.set(1, "20170701");
        cells.set(15, "CVL");
        cells.set(26, "040");
        cells.set(59, "20170701234500");
        cells.set(60, "http://example.org/" + id);
        return String.join("\t", cells);
    }

    private static Dataset<Row> read(List<String> files, List<Long> bytes, RecordsRead tally, long minPieceBytes) {
        if (tally != null) {
            spark().sparkContext().register(tally, "test events read");
        }
        return new RawRecordReader(DatasetSpec.EVENTS, 1 << 20, minPieceBytes, new Configuration())
                .read(spark(), files, bytes, tally, new RawRecordReader.AsRead(DatasetSpec.EVENTS));
    }

    private static Map<String, Long> byName(Map<String, Long> byPath) {
        Map<String, Long> out = new TreeMap<>();
        byPath.forEach((f, n) -> out.put(f.substring(f.lastIndexOf('/') + 1), n));
        return out;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
