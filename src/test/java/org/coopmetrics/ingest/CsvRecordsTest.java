package org.coopmetrics.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV records of byte arrays, without Spark (statements: id statement_id, lists sectors and sources). */
class CsvRecordsTest {
    static final DatasetSpec SPEC = DatasetSpec.STATEMENTS;

    static List<RawRecord> read(byte[] bytes, int limit) {
        List<RawRecord> out = new ArrayList<>();
        new CsvRecords("in/f.csv", new LineSource(new ByteArrayInputStream(bytes), limit), SPEC)
                .forEachRemaining(out::add);
        return out;
    }

    static List<RawRecord> read(String text, int limit) {
        return read(text.getBytes(StandardCharsets.UTF_8), limit);
    }

    static List<RawRecord> read(String text) {
        return read(text, 1 << 20);
    }

    static Object get(RawRecord r, String field) {
        return r.value(SPEC.fields().indexOf(field));
    }

    static void assertRecord(RawRecord r, long line, String raw, String error) {
        assertEquals(line, r.line(), "line of " + r);
        assertEquals(raw, r.raw(), "raw of line " + line);
        assertEquals(error, r.readError(), "error of line " + line);
    }

    static void assertMalformed(RawRecord r, long line, String raw, String error) {
        assertRecord(r, line, raw, error);
        assertNull(r.values(), "values of line " + line);
    }

    @Test
    void headerNamesColumnsInAnyOrderAndCase() {
        List<RawRecord> all = read(" Quote ,STATEMENT_ID,kind,unknown\nhello,c1,praise,x\n");
        assertEquals(1, all.size());
        RawRecord r = all.get(0);
        assertEquals("in/f.csv", r.file());
        assertRecord(r, 2, "hello,c1,praise,x", null);
        assertEquals("c1", get(r, "statement_id"));
        assertEquals("hello", get(r, "quote"));
        assertEquals("praise", get(r, "kind"));
        assertNull(get(r, "date")); // no such column
        assertNull(get(r, "sectors"));
    }

    @Test
    void cellsAreCleaned() {
        RawRecord r = read("statement_id,quote,kind,date\n  c1 ,,\"\",\" 2025-01-01\"\n").get(0);
        assertRecord(r, 2, "  c1 ,,\"\",\" 2025-01-01\"", null);
        assertEquals("c1", get(r, "statement_id"));
        assertNull(get(r, "quote"));
        assertNull(get(r, "kind"));
        assertEquals("2025-01-01", get(r, "date"));
    }

    @Test
    void bomCrlfAndBlankLines() {
        List<RawRecord> all = read("\uFEFFstatement_id,kind\r\n\r\ne1,praise\r\n  \r\ne2,intent\r\n");
        assertEquals(2, all.size());
        assertRecord(all.get(0), 3, "e1,praise", null);
        assertEquals("e1", get(all.get(0), "statement_id"));
        assertRecord(all.get(1), 5, "e2,intent", null);
        assertEquals("intent", get(all.get(1), "kind"));
        assertEquals(List.of(), read(""));
        assertEquals(List.of(), read("statement_id,kind\n\n"));
    }

    @Test
    void headerWithoutTheIdColumnSpoilsEveryLine() {
        String error = "CSV header missing or without the column statement_id (the first line of a CSV file must "
                + "name its columns)";
        List<RawRecord> all = read("\nquote,kind\nq,praise\n\nr,intent\n");
        assertEquals(3, all.size());
        assertMalformed(all.get(0), 2, "quote,kind", error);
        assertMalformed(all.get(1), 3, "q,praise", error);
        assertMalformed(all.get(2), 5, "r,intent", error);
    }

    @Test
    void tooManyOrTooFewFields() {
        List<RawRecord> all = read("statement_id,quote,kind\nc1,a,b,c\nc2,a\nc3,a,b\n");
        assertEquals(3, all.size());
        assertMalformed(all.get(0), 2, "c1,a,b,c", "CSV record has 4 fields but the header has 3");
        assertMalformed(all.get(1), 3, "c2,a", "CSV record has 2 fields but the header has 3");
        assertRecord(all.get(2), 4, "c3,a,b", null);
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() {
        List<RawRecord> all = read("statement_id,quote,kind\n"
                + "c1,\"Hello, world\",x\n"
                + "c2,\"say \"\"hi\"\"\",x\n"
                + "c3,\"line one\r\n\r\nline \"\"two\"\"\",praise\n"
                + "c4,He said \"hi\" there,x\n");
        assertEquals(4, all.size());
        assertEquals("Hello, world", get(all.get(0), "quote"));
        assertEquals("say \"hi\"", get(all.get(1), "quote"));
        // lines 4-6 make one record, line breaks kept as LF; the next record is on line 7
        assertRecord(all.get(2), 4, "c3,\"line one\n\nline \"\"two\"\"\",praise", null);
        assertEquals("line one\n\nline \"two\"", get(all.get(2), "quote"));
        assertEquals("praise", get(all.get(2), "kind"));
        // a quote inside an unquoted field is text
        assertRecord(all.get(3), 7, "c4,He said \"hi\" there,x", null);
        assertEquals("He said \"hi\" there", get(all.get(3), "quote"));
    }

    @Test
    void lineCutShortSpoilsOnlyItself() {
        List<RawRecord> all = read("statement_id,quote,kind\nc4,\"never closed,praise\nc5,fine,praise\n");
        assertEquals(2, all.size());
        assertMalformed(all.get(0), 2, "c4,\"never closed,praise", "unbalanced quote: a quoted field opened on "
                + "this line is not closed before line 3, which holds a whole record of its own (was this line cut "
                + "short?)");
        assertRecord(all.get(1), 3, "c5,fine,praise", null);
        assertEquals("fine", get(all.get(1), "quote"));
    }

    @Test
    void unbalancedQuoteRereadsTheFollowingLinesEachOnItsOwn() {
        // the quote runs to the end of the file: line 3 is read again, alone
        List<RawRecord> all = read("statement_id,quote,kind\nc6,\"open\nmore text\n");
        assertEquals(2, all.size());
        assertMalformed(all.get(0), 2, "c6,\"open",
                "unbalanced quote: a quoted field opened on this line is never closed");
        assertMalformed(all.get(1), 3, "more text", "CSV record has 1 fields but the header has 3");

        // the quote closes, but the lines joined are not one record
        all = read("statement_id,quote,kind\nc7,\"a\nb\",x,y,z\nc8,ok,x\n");
        assertEquals(3, all.size());
        assertMalformed(all.get(0), 2, "c7,\"a", "unbalanced quote: the lines up to line 3 do not make one record "
                + "(CSV record has 5 fields but the header has 3)");
        assertMalformed(all.get(1), 3, "b\",x,y,z", "CSV record has 4 fields but the header has 3");
        assertRecord(all.get(2), 4, "c8,ok,x", null);
    }

    @Test
    void quotedFieldNotClosedWithinTheLimit() {
        // limit 30: lines 2 and 3 joined are 31 characters
        List<RawRecord> all = read("statement_id,quote,kind\nc1,\"aaaaaaaaaa\nbbbbbbbbbbbbbbbb\n", 30);
        assertEquals(2, all.size());
        assertMalformed(all.get(0), 2, "c1,\"aaaaaaaaaa", "unbalanced quote: a quoted field opened on this line "
                + "is not closed within the limit of 30 bytes (max_record_bytes)");
        assertMalformed(all.get(1), 3, "bbbbbbbbbbbbbbbb", "CSV record has 1 fields but the header has 3");
    }

    @Test
    void quotedFieldRunningIntoALineOverTheLimit() {
        String over = "x".repeat(40);
        List<RawRecord> all = read("statement_id,quote,kind\nc1,\"open\n" + over + "\nc2,a,b\n", 30);
        assertEquals(3, all.size());
        String error = "record is 40 bytes, over the limit of 30 bytes (max_record_bytes)";
        assertMalformed(all.get(0), 2, "c1,\"open",
                "unbalanced quote: a quoted field opened on this line runs into line 3: " + error);
        // limit + 4 bytes are kept
        assertMalformed(all.get(1), 3, "x".repeat(34), error);
        assertRecord(all.get(2), 4, "c2,a,b", null);
    }

    @Test
    void listsAreSemicolonSeparatedInOneCell() {
        List<RawRecord> all = read("statement_id,sectors,sources\n"
                + "c1,CT; MN;;CT,http://a;http://b\n"
                + "c2,,\"\"\n");
        assertArrayEquals(new String[] {"CT", "MN"}, (String[]) get(all.get(0), "sectors"));
        assertArrayEquals(new String[] {"http://a", "http://b"}, (String[]) get(all.get(0), "sources"));
        // an empty unquoted cell is absent; an empty quoted one is an empty list
        assertNull(get(all.get(1), "sectors"));
        assertArrayEquals(new String[0], (String[]) get(all.get(1), "sources"));
    }

    @Test
    void overLimitAndUndecodableLinesKeepAPreview() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("statement_id,quote,kind\nq7," + "w".repeat(50) + ",x\nq8,caf")
                .getBytes(StandardCharsets.UTF_8));
        out.write(0xE9);
        out.writeBytes(",x\nq9,fine,x\n".getBytes(StandardCharsets.UTF_8));
        List<RawRecord> all = read(out.toByteArray(), 30);
        assertEquals(3, all.size());
        assertRecord(all.get(0), 2, "q7," + "w".repeat(31),
                "record is 55 bytes, over the limit of 30 bytes (max_record_bytes)");
        assertEquals("q7", get(all.get(0), "statement_id")); // read before the cut
        assertMalformed(all.get(1), 3, "q8,caf\uFFFD,x", "line is not valid UTF-8 (save the file as UTF-8)");
        assertRecord(all.get(2), 4, "q9,fine,x", null);
    }


    /** The one record after the header of a line over a limit of 30 (so a preview of 34 characters). */
    static RawRecord overLimit(String header, String line) {
        List<RawRecord> all = read(header + "\n" + line + "\n", 30);
        assertEquals(1, all.size());
        RawRecord r = all.get(0);
        assertRecord(r, 2, line.substring(0, 34),
                "record is " + line.length() + " bytes, over the limit of 30 bytes (max_record_bytes)");
        return r;
    }

    static String w(int n) {
        return "w".repeat(n);
    }

    @Test
    void overLimitLineKeepsItsIdCellWhenTheCellEndsBeforeTheCut() {
        String header = "statement_id,quote,kind";
        RawRecord r = overLimit(header, "g104," + w(50) + ",x");
        assertEquals("g104", get(r, "statement_id"));
        // only the id
        assertNull(get(r, "quote"));
        assertNull(get(r, "kind"));
        // a quoted cell is read as univocity reads it, then cleaned
        assertEquals("g,1\"05", get(overLimit(header, "\"g,1\"\"05\"," + w(50) + ",x"), "statement_id"));
        assertEquals("g106", get(overLimit(header, "  g106 ," + w(50) + ",x"), "statement_id"));
        // the id column need not be the first
        assertEquals("g107", get(overLimit("kind,statement_id,quote", "praise,g107," + w(50)), "statement_id"));
    }

    @Test
    void overLimitLineWithoutAWholeIdCellHasNoValues() {
        String header = "statement_id,quote,kind";
        // the cell goes on past the cut
        assertNull(overLimit(header, "g108" + w(50) + ",x").values());
        // a quoted cell not closed before the cut (its comma is inside the quotes)
        assertNull(overLimit(header, "\"g109,x" + w(50) + "\",x,y").values());
        // the id cell after the cut; the id cell last on the line (no delimiter after it)
        assertNull(overLimit("quote,statement_id,kind", w(50) + ",g110,x").values());
        assertNull(overLimit("quote,kind,statement_id", "a,b,g111" + w(50)).values());
        // an empty id cell is no id
        assertNull(get(overLimit(header, "," + w(50) + ",x"), "statement_id"));
        // no usable header: no id column
        List<RawRecord> all = read("quote,kind\ng112," + w(50) + "\n", 30);
        assertEquals(2, all.size());
        assertMalformed(all.get(1), 2, "g112," + w(29), "record is 55 bytes, over the limit of 30 bytes "
                + "(max_record_bytes)");
    }
}
