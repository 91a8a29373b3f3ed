package org.coopmetrics.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON Lines records of byte arrays, without Spark (statements: id statement_id, lists sectors and sources). */
class JsonRecordsTest {
    static final DatasetSpec SPEC = DatasetSpec.STATEMENTS;
    static final String NOT_AN_OBJECT = "not a JSON object (each line of a .jsonl file must be one JSON object)";

    static List<RawRecord> read(byte[] bytes, int limit) {
        List<RawRecord> out = new ArrayList<>();
        new JsonRecords("in/f.jsonl", new LineSource(new ByteArrayInputStream(bytes), limit), SPEC)
                .forEachRemaining(out::add);
        return out;
    }

    static List<RawRecord> read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8), 1 << 20);
    }

    /** The one record of a one-line file. */
    static RawRecord one(String line) {
        List<RawRecord> all = read(line + "\n");
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    static Object get(RawRecord r, String field) {
        return r.value(SPEC.fields().indexOf(field));
    }

    static void assertValues(RawRecord r, Object... fieldAndValue) {
        for (int i = 0; i < fieldAndValue.length; i += 2) {
            String field = (String) fieldAndValue[i];
            Object want = fieldAndValue[i + 1];
            if (want instanceof String[] items) {
                assertArrayEquals(items, (String[]) get(r, field), field);
            } else {
                assertEquals(want, get(r, field), field);
            }
        }
    }

    @Test
    void validObjectIsSplitIntoCleanedFields() {
        String line = "{\"statement_id\":\" s1 \",\"quote\":\"hi\",\"sectors\":[\"CT\",\" CT \",\"\",\"MN\"],"
                + "\"kind\":\"\",\"speaker\":null}";
        RawRecord r = one(line);
        assertEquals("in/f.jsonl", r.file());
        assertEquals(1, r.line());
        assertEquals(line, r.raw());
        assertNull(r.readError());
        assertValues(r, "statement_id", "s1", "quote", "hi", "sectors", new String[] {"CT", "MN"}, "kind", null,
                "speaker", null, "sources", null, "date", null);
    }

    @Test
    void blankLinesAreNotRecordsAndLinesKeepTheirNumbers() {
        List<RawRecord> all = read("\n  \n{\"statement_id\":\"a\"}\r\n\n{\"statement_id\":\"b\"}");
        assertEquals(2, all.size());
        assertEquals(3, all.get(0).line());
        assertEquals("a", get(all.get(0), "statement_id"));
        assertEquals(5, all.get(1).line());
        assertEquals("b", get(all.get(1), "statement_id"));
        assertEquals(List.of(), read(""));
    }

    @Test
    void unknownKeysAreSkippedWhateverTheirValue() {
        RawRecord r = one("{\"statement_id\":\"s2\",\"extra\":{\"a\":[1,{\"b\":2}]},\"more\":[{\"c\":1}],"
                + "\"quote\":\"q\"}");
        assertNull(r.readError());
        assertValues(r, "statement_id", "s2", "quote", "q");
    }

    @Test
    void wrongTypesNameTheFieldAndTheRestIsStillRead() {
        RawRecord r = one("{\"statement_id\":\"s3\",\"quote\":{\"a\":1},\"speaker\":[1],\"kind\":\"praise\"}");
        // the first wrong type is reported
        assertEquals("quote: expected text, got a JSON object", r.readError());
        assertValues(r, "statement_id", "s3", "quote", null, "speaker", null, "kind", "praise");
        assertEquals("speaker: expected text, got a JSON array", one("{\"speaker\":[\"x\"]}").readError());
        assertEquals("sectors: expected a JSON array of strings, got CT",
                one("{\"statement_id\":\"s4\",\"sectors\":\"CT\"}").readError());
        assertEquals("sectors: expected a JSON array of strings, got 12", one("{\"sectors\":12}").readError());
        assertEquals("sources: expected a JSON array of strings, got a JSON object",
                one("{\"sources\":{\"u\":1}}").readError());
        assertEquals("sectors: expected a JSON array of strings, got an array holding a JSON array",
                one("{\"sectors\":[\"CT\",[\"MN\"]]}").readError());
        assertEquals("sources: expected a JSON array of strings, got an array holding a JSON object",
                one("{\"sources\":[{\"u\":1}]}").readError());
    }

    @Test
    void keyGivenTwiceIsAnErrorAndTheLastValueStays() {
        RawRecord r = one("{\"statement_id\":\"s5\",\"quote\":\"a\",\"quote\":\"b\"}");
        assertEquals("quote is given twice in the object", r.readError());
        assertValues(r, "statement_id", "s5", "quote", "b");
    }

    @Test
    void notAnObjectHasNoValues() {
        for (String line : List.of("[1,2]", "\"text\"", "42", "null")) {
            RawRecord r = one(line);
            assertEquals(NOT_AN_OBJECT, r.readError(), line);
            assertNull(r.values(), line);
            assertEquals(line, r.raw());
        }
        RawRecord broken = one("{\"statement_id\":\"j2\",\"quote\": oops}");
        assertEquals(NOT_AN_OBJECT + ": Unrecognized token 'oops': was expecting (JSON String, Number (or "
                + "'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false') at column 31",
                broken.readError());
        assertNull(broken.values());
    }

    @Test
    void textAfterTheObjectIsAnError() {
        assertEquals("more than one JSON value on the line (each line of a .jsonl file holds one object; are the "
                + "lines separated by CR only?)", one("{\"statement_id\":\"s6\"} {\"statement_id\":\"s7\"}")
                .readError());
        RawRecord r = one("{\"statement_id\":\"s6\"} x");
        assertEquals("text after the JSON object: Unrecognized token 'x': was expecting (JSON String, Number (or "
                + "'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false')", r.readError());
        assertNull(r.values());
    }

    @Test
    void listsKeepTheirItemsAsText() {
        RawRecord r = one("{\"sectors\":[1,null,\"CT\",true,\"CT\"],\"sources\":[]}");
        assertNull(r.readError());
        // an empty list stays empty (a missing list), unlike an absent or null one
        assertValues(r, "sectors", new String[] {"1", "CT", "true"}, "sources", new String[0]);
        assertValues(one("{\"sectors\":null}"), "sectors", null);
    }

    @Test
    void numbersAndLiteralsAreKeptAsWritten() {
        RawRecord r = one("{\"statement_id\":1e400,\"quote\":0.10,\"kind\":true,\"date\":-0,\"speaker\":NaN,"
                + "\"speaker_role\":-Infinity,\"recorded_at\":false}");
        assertNull(r.readError());
        assertValues(r, "statement_id", "1e400", "quote", "0.10", "kind", "true", "date", "-0", "speaker", "NaN",
                "speaker_role", "-Infinity", "recorded_at", "false");
    }

    @Test
    void singleQuotesAreAccepted() {
        assertValues(one("{'statement_id':'s9','quote':'say \\'hi\\''}"), "statement_id", "s9",
                "quote", "say 'hi'");
    }

    @Test
    void invalidUtf8KeepsAPreviewAndTheValuesItHolds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"statement_id\":\"u1\",\"quote\":\"caf".getBytes(StandardCharsets.UTF_8));
        out.write(0xE9);
        out.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        RawRecord r = read(out.toByteArray(), 1 << 20).get(0);
        assertEquals("line is not valid UTF-8 (save the file as UTF-8)", r.readError());
        assertEquals("{\"statement_id\":\"u1\",\"quote\":\"caf\uFFFD\"}", r.raw());
        assertValues(r, "statement_id", "u1", "quote", "caf\uFFFD");
    }


    /** The one record of a line over the limit: error and preview as LineSource makes them (ASCII here). */
    static RawRecord overLimit(String line, int limit) {
        List<RawRecord> all = read((line + "\n").getBytes(StandardCharsets.UTF_8), limit);
        assertEquals(1, all.size());
        RawRecord r = all.get(0);
        assertEquals("record is " + line.length() + " bytes, over the limit of " + limit
                + " bytes (max_record_bytes)", r.readError());
        assertEquals(line.substring(0, Math.min(line.length(), Math.min(limit + 4, 1000))), r.raw());
        return r;
    }

    static String x(int n) {
        return "x".repeat(n);
    }

    @Test
    void overLimitLineKeepsItsIdWhenReadBeforeTheCut() {
        RawRecord r = overLimit("{\"statement_id\": \"g104\", \"date\": \"2025-09-10\", \"quote\": \"" + x(200)
                + "\"}", 100);
        assertEquals("g104", get(r, "statement_id"));
        // only the id: the other fields read before the cut are left out
        assertNull(get(r, "date"));
        assertNull(get(r, "quote"));
        // fields before the id are skipped whatever their value
        assertEquals("g105", get(overLimit("{\"date\":\"2025-01-01\",\"sources\":[\"a\",\"b\"],\"extra\":{\"k\":[1]},"
                + "\"statement_id\":\"g105\",\"quote\":\"" + x(200) + "\"}", 100), "statement_id"));
        // cleaned as ever, and read as written
        assertEquals("g106", get(overLimit("{\"statement_id\":\" g106 \",\"quote\":\"" + x(200) + "\"}", 100),
                "statement_id"));
        assertEquals("12", get(overLimit("{\"statement_id\":12,\"quote\":\"" + x(200) + "\"}", 100),
                "statement_id"));
        // the default preview of 1000 characters
        assertEquals("g107", get(overLimit("{\"statement_id\":\"g107\",\"quote\":\"" + x(5000) + "\"}", 1024),
                "statement_id"));
    }

    @Test
    void overLimitLineWithoutAReadableIdHasNoValues() {
        // limit 16: the preview is 20 characters, {"statement_id": being 16
        RawRecord cutInString = overLimit("{\"statement_id\":\"g108-and-more\"}", 16);
        assertEquals("{\"statement_id\":\"g10", cutInString.raw());
        assertNull(cutInString.values());
        // a number that ends the preview may go on after it
        assertNull(overLimit("{\"statement_id\":12345678901234567890,\"quote\":\"q\"}", 16).values());
        // the id after the cut, or not a scalar, or broken JSON before it, or not an object
        assertNull(overLimit("{\"quote\":\"" + x(200) + "\",\"statement_id\":\"g109\"}", 100).values());
        assertNull(overLimit("{\"statement_id\":{\"v\":\"g110\"},\"quote\":\"" + x(200) + "\"}", 100).values());
        assertNull(overLimit("{\"statement_id\":[\"g111\"],\"quote\":\"" + x(200) + "\"}", 100).values());
        assertNull(overLimit("{\"statement_id\":null,\"quote\":\"" + x(200) + "\"}", 100).values());
        assertNull(overLimit("{\"date\": oops, \"statement_id\":\"g112\",\"quote\":\"" + x(200) + "\"}", 100)
                .values());
        assertNull(overLimit("[\"g113\", \"" + x(200) + "\"]", 100).values());
        // a blank id is no id
        assertNull(get(overLimit("{\"statement_id\":\"  \",\"quote\":\"" + x(200) + "\"}", 100), "statement_id"));
    }

    @Test
    void overLimitLineHeldWholeByThePreviewKeepsAllItsValues() {
        // 43 bytes over a limit of 40: the 44 bytes kept hold the whole line, which parses (as before the id fix)
        String line = "{\"statement_id\":\"g7\",\"quote\":\"abcdefghijk\"}";
        RawRecord r = overLimit(line, 40);
        assertEquals(line, r.raw());
        assertValues(r, "statement_id", "g7", "quote", "abcdefghijk");
    }
}
