package org.coopmetrics.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.hadoop.conf.Configuration;
import org.coopmetrics.normalize.ReferenceData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GDELT event files of {@code generate --events} (no Spark): their shape, their determinism, and the
 * expected counts of {@code _generator.json} against a recount of the written files by contract section 6.
 */
class EventGeneratorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern NAME = Pattern.compile("([0-9]{14})\\.export\\.CSV(\\.zip)?");

    @TempDir
    static Path tmp;
    /** 4,000 event rows (and no curated ones), 10% of them spoilt, in 3 batches and the late one, half zipped. */
    static Path run;
    static JsonNode events;

    @BeforeAll
    static void generateOnce() throws IOException {
        run = tmp.resolve("run");
        generate(run, 0, 4_000, 3, 0.10, 0.5, 0);
        events = JSON.readTree(run.resolve(Generator.DESCRIPTION).toFile()).at("/datasets/events");
    }

    static void generate(Path out, long rows, long events, int files, double bad, double zipped, int threads) {
        Generator.generate(new Generator.Settings(out.toString(), rows, 42, files, threads, false, bad,
                Generator.REVISION_SHARE, events, zipped), new Configuration());
    }

    /** File name to the lines of the CSV (unzipped), as bytes. */
    static Map<String, List<byte[]>> lines(Path folder) throws IOException {
        Map<String, List<byte[]>> out = new TreeMap<>();
        for (Path f : Files.list(folder).sorted().toList()) {
            byte[] data = Files.readAllBytes(f);
            if (f.getFileName().toString().endsWith(".zip")) {
                try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(f))) {
                    ZipEntry entry = zip.getNextEntry();
                    assertEquals(f.getFileName().toString().replace(".zip", ""), entry.getName(), "the one entry");
                    data = zip.readAllBytes();
                    assertEquals(null, zip.getNextEntry(), f + " holds one entry");
                }
            }
            List<byte[]> rows = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '\n') {
                    rows.add(java.util.Arrays.copyOfRange(data, start, i));
                    start = i + 1;
                }
            }
            assertEquals(data.length, start, f + " ends with a line end");
            out.put(f.getFileName().toString(), rows);
        }
        return out;
    }

    static String[] fields(byte[] line) {
        return new String(line, StandardCharsets.UTF_8).split("\t", -1);
    }

    @Test
    void filesAreGdeltBatches() throws IOException {
        Map<String, List<byte[]>> files = lines(run.resolve("events"));
        List<String> names = new ArrayList<>(files.keySet());
        assertEquals(names, JSON.convertValue(events.get("files"), List.class), "files in batch order");
        assertEquals(4, names.size(), "3 regular batches (2018-2025), a late one; names sort in time");
        assertTrue(names.get(3).startsWith("20260101000000.export.CSV"), "the late batch: the first moment after the as-of");
        assertEquals(2, events.get("zipped_files").asLong());
        long rows = 0;
        long sixty = 0;
        long notUtf8 = 0;
        for (Map.Entry<String, List<byte[]>> file : files.entrySet()) {
            var m = NAME.matcher(file.getKey());
            assertTrue(m.matches(), file.getKey());
            String batch = m.group(1);
            LocalDateTime time = LocalDateTime.parse(batch, DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
            assertEquals(0, time.getMinute() % 15, "a 15-minute mark");
            assertEquals(0, time.getSecond());
            long previousId = 0;
            for (byte[] line : file.getValue()) {
                rows++;
                if (!utf8(line)) {
                    notUtf8++;
                }
                String[] f = fields(line);
                if (f.length == 60) {
                    sixty++;
                } else {
                    assertEquals(61, f.length, file.getKey() + ": " + new String(line, StandardCharsets.UTF_8));
                }
                assertEquals(batch, f[f.length - 2], "DATEADDED is the batch time on every row");
                long id = Long.parseLong(f[0]);
                assertTrue(id > previousId, "ids increase within a batch (the repeated ones open it)");
                previousId = id;
            }
        }
        assertEquals(4_000, rows);
        assertEquals(events.at("/bad_rows_by_kind/sixty_fields").asLong(), sixty);
        assertEquals(events.at("/bad_rows_by_kind/not_utf8").asLong(), notUtf8);
        assertTrue(sixty > 0 && notUtf8 > 0);
    }

    /** What the real sample shows is there: the codes the job needs, regions, COP, re-emissions, odd sources. */
    @Test
    void rowsLookLikeTheSample() throws IOException {
        Set<String> eventCodes = new TreeSet<>();
        Set<String> actorCountries = new TreeSet<>();
        Set<String> types = new TreeSet<>();
        Map<String, Long> sources = new HashMap<>();
        Map<String, Long> ids = new HashMap<>();
        Map<List<String>, Long> keys = new HashMap<>();
        long emptyCountry = 0;
        long total = 0;
        double tone = 0;
        for (List<byte[]> file : lines(run.resolve("events")).values()) {
            for (byte[] line : file) {
                String[] f = fields(line);
                if (f.length != 61) {
                    continue;
                }
                total++;
                eventCodes.add(f[26]);
                actorCountries.add(f[7]);
                actorCountries.add(f[17]);
                emptyCountry += f[7].isEmpty() ? 1 : 0;
                for (int i : new int[] {12, 13, 22, 23}) {
                    types.add(f[i]);
                }
                String url = f[60];
                sources.merge(url.startsWith("https://") ? "https" : url.startsWith("http://") ? "http" : "other", 1L,
                        Long::sum);
                ids.merge(f[0], 1L, Long::sum);
                keys.merge(List.of(f[1], f[7], f[17], f[26], f[60]), 1L, Long::sum);
                assertTrue(f[26].startsWith(f[27]) && f[27].startsWith(f[28]), "code, base and root agree");
                if (day(f[1]) != null) {
                    assertEquals(f[1].substring(0, 6), f[2], "MonthYear");
                    assertEquals(f[1].substring(0, 4), f[3], "Year");
                }
                tone += f[34].isEmpty() ? 0 : Double.parseDouble(f[34]);
            }
        }
        assertTrue(eventCodes.containsAll(List.of("062", "063", "064", "0312", "0313", "0314")), eventCodes.toString());
        assertTrue(actorCountries.containsAll(List.of("", "AFR", "EUR", "USA")), "regions and empty codes");
        assertTrue(types.contains("COP"), types.toString());
        double emptyShare = emptyCountry / (double) total;
        assertTrue(emptyShare > 0.35 && emptyShare < 0.55, "Actor1CountryCode empty in " + emptyShare);
        assertTrue(sources.get("http") > sources.get("https") && sources.get("https") > 0.1 * total, sources.toString());
        assertTrue(sources.getOrDefault("other", 0L) > 0, "a few SOURCEURL values are not URLs");
        assertTrue(ids.values().stream().anyMatch(n -> n > 1), "a few GLOBALEVENTIDs repeat");
        assertTrue(keys.values().stream().filter(n -> n > 1).count() > 50, "re-emissions");
        assertTrue(tone / total < 0 && tone / total > -4, "mean tone " + tone / total);
    }

    @Test
    void sameSeedGivesTheSameBytesWhateverTheThreads() throws IOException {
        Path one = tmp.resolve("one-thread");
        Path three = tmp.resolve("three-threads");
        generate(one, 2_000, 6_000, 3, 0.01, 0.5, 1);
        generate(three, 2_000, 6_000, 3, 0.01, 0.5, 3);
        Map<String, byte[]> a = GeneratorTest.contents(one);
        Map<String, byte[]> b = GeneratorTest.contents(three);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((name, bytes) -> assertArrayEquals(bytes, b.get(name), name));
        assertTrue(a.keySet().stream().filter(n -> n.startsWith("events/")).count() == 4, a.keySet().toString());
    }

    /** Without --events nothing changes: no events folder, no events entry, the same bytes as before. */
    @Test
    void noEventsLeavesTheCuratedOutputAsItWas() throws IOException {
        Path zero = tmp.resolve("zero-events");
        generate(zero, 3_000, 0, 2, Generator.BAD_SHARE, 0.5, 0);
        assertFalse(Files.exists(zero.resolve("events")));
        JsonNode d = JSON.readTree(zero.resolve(Generator.DESCRIPTION).toFile());
        assertFalse(d.get("datasets").has("events"));
        assertFalse(d.toString().contains("event"), "no trace of events in _generator.json");
        // the settings of before (no events arguments) give the same bytes
        Path plain42 = tmp.resolve("plain-42");
        Generator.generate(new Generator.Settings(plain42.toString(), 3_000, 42, 2, 0, false), new Configuration());
        Map<String, byte[]> a = GeneratorTest.contents(plain42);
        Map<String, byte[]> b = GeneratorTest.contents(zero);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((name, bytes) -> assertArrayEquals(bytes, b.get(name), name));
    }

    /** Every bucket of the contract occurs, and the identity holds. */
    @Test
    void everyBucketOccurs() {
        JsonNode e = events.get("expected");
        assertEquals(e.get("read").asLong(), e.get("accepted").asLong() + e.get("quarantined").asLong()
                + e.get("superseded").asLong() + e.get("after_as_of").asLong() + e.get("out_of_scope").asLong());
        for (String key : List.of("accepted", "quarantined", "superseded", "after_as_of", "out_of_scope")) {
            assertTrue(e.get(key).asLong() > 0, key);
        }
        assertEquals(Set.of("malformed_record", "invalid_date", "invalid_number"), names(e.get("quarantined_by_reason")));
        assertEquals(Set.of("not_cooperation", "not_two_countries", "same_country", "few_mentions"),
                names(e.get("out_of_scope_by_reason")));
        assertTrue(e.at("/superseded_by_reason/repeated_id").asLong() > 0);
        assertTrue(e.at("/superseded_by_reason/re_emission").asLong() > 0);
        assertEquals(Set.of("diplomacy", "intelligence_sharing", "law_enforcement", "military_cooperation",
                "mutual_legal_assistance"), names(e.get("accepted_by_sector")), "every event sector");
    }

    /** A run small enough to check by hand (20 rows in one batch), and the 4,000-row run, recounted from the files. */
    @Test
    void expectedCountsAgreeWithARecountOfTheFiles() throws IOException {
        Path tiny = tmp.resolve("tiny");
        generate(tiny, 0, 20, 1, 0.2, 0, 0);
        for (Path folder : List.of(tiny, run)) {
            JsonNode expected = JSON.readTree(folder.resolve(Generator.DESCRIPTION).toFile())
                    .at("/datasets/events/expected");
            Map<String, Long> recount = recount(folder.resolve("events"));
            Map<String, Long> given = new TreeMap<>();
            for (String key : recount.keySet()) {
                String[] path = key.split("/");
                JsonNode n = path.length == 1 ? expected.get(key) : expected.path(path[0]).path(path[1]);
                given.put(key, n.asLong());
            }
            assertEquals(recount, given, folder.toString());
        }
    }

    /**
     * The data/events_expected.py count (the contract's independent count, Python standard library) of the 4,000
     * rows, where python3 is installed.
     */
    @Test
    void expectedCountsAgreeWithThePythonCount() throws Exception {
        Path script = Path.of("data/events_expected.py").toAbsolutePath();
        Process p;
        try {
            p = new ProcessBuilder("python3", script.toString(), "--events", run.resolve("events").toString())
                    .redirectErrorStream(true).start();
        } catch (IOException noPython) {
            Assumptions.abort("python3 is not installed");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        JsonNode e = events.get("expected");
        for (String key : List.of("read", "after_as_of", "accepted")) {
            assertTrue(out.contains(String.format("%-13s %d%n", key, e.get(key).asLong())),
                    key + " " + e.get(key) + " in\n" + out);
        }
        assertTrue(out.contains("superseded    " + e.get("superseded").asLong() + "  repeated_id="
                + e.at("/superseded_by_reason/repeated_id").asLong() + ", re_emission="
                + e.at("/superseded_by_reason/re_emission").asLong()), out);
        assertTrue(out.contains("quarantined   " + e.get("quarantined").asLong() + "  malformed_record="
                + e.at("/quarantined_by_reason/malformed_record").asLong() + ", invalid_date="
                + e.at("/quarantined_by_reason/invalid_date").asLong() + ", invalid_number="
                + e.at("/quarantined_by_reason/invalid_number").asLong()), out);
        assertTrue(out.contains("out_of_scope  " + e.get("out_of_scope").asLong() + "  not_cooperation="
                + e.at("/out_of_scope_by_reason/not_cooperation").asLong() + ", not_two_countries="
                + e.at("/out_of_scope_by_reason/not_two_countries").asLong() + ", same_country="
                + e.at("/out_of_scope_by_reason/same_country").asLong() + ", few_mentions="
                + e.at("/out_of_scope_by_reason/few_mentions").asLong()), out);
        assertTrue(out.contains("accepted pairs " + e.get("accepted_pairs").asLong() + ";"), out);
    }

    /**
     * Contract section 6 applied to the written text, sharing nothing with the generator but the reference table:
     * steps 1 to 3 per row, then step 4 over the rows left (latest DATEADDED per id, then the lowest id per key).
     */
    static Map<String, Long> recount(Path folder) throws IOException {
        Map<String, String> countries = ReferenceData.load(null, new Configuration()).cameoCountries();
        LocalDate asOf = LocalDate.parse(Generator.AS_OF);
        Map<String, Long> n = new TreeMap<>();
        for (String k : List.of("read", "quarantined", "out_of_scope", "after_as_of", "superseded", "accepted")) {
            n.put(k, 0L);
        }
        List<String[]> candidates = new ArrayList<>();
        for (List<byte[]> file : lines(folder).values()) {
            for (byte[] line : file) {
                n.merge("read", 1L, Long::sum);
                String[] f = fields(line);
                String bucket;
                String reason = null;
                if (!utf8(line) || f.length != 61) {
                    bucket = "quarantined";
                    reason = "malformed_record";
                } else if (day(f[1]) == null || time(f[59]) == null) {
                    bucket = "quarantined";
                    reason = "invalid_date";
                } else if (!decimal(f[30]) || !decimal(f[34]) || !whole(f[31]) || !whole(f[32]) || !whole(f[33])) {
                    bucket = "quarantined";
                    reason = "invalid_number";
                } else if (!Set.of("03", "04", "05", "06").contains(f[28])) {
                    bucket = "out_of_scope";
                    reason = "not_cooperation";
                } else if (!countries.containsKey(f[7]) || !countries.containsKey(f[17])) {
                    bucket = "out_of_scope";
                    reason = "not_two_countries";
                } else if (countries.get(f[7]).equals(countries.get(f[17]))) {
                    bucket = "out_of_scope";
                    reason = "same_country";
                } else if (Long.parseLong(f[31]) < 1) {
                    bucket = "out_of_scope";
                    reason = "few_mentions";
                } else if (day(f[1]).isAfter(asOf) || time(f[59]).toLocalDate().isAfter(asOf)) {
                    bucket = "after_as_of";
                } else {
                    candidates.add(f);
                    continue;
                }
                n.merge(bucket, 1L, Long::sum);
                if (reason != null) {
                    n.merge(bucket.equals("quarantined") ? "quarantined_by_reason/" + reason
                            : "out_of_scope_by_reason/" + reason, 1L, Long::sum);
                }
            }
        }
        Map<String, String[]> byId = new LinkedHashMap<>();
        for (String[] f : candidates) {
            byId.merge(f[0], f, (a, b) -> b[59].compareTo(a[59]) > 0 ? b : a);
        }
        Map<String, String[]> byKey = new HashMap<>();
        for (String[] f : byId.values()) {
            byKey.merge(String.join("\t", f[1], f[7], f[17], f[26], f[60]), f,
                    (a, b) -> Long.parseLong(b[0]) < Long.parseLong(a[0]) ? b : a);
        }
        n.put("superseded", (long) candidates.size() - byKey.size());
        n.put("accepted", (long) byKey.size());
        return n;
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);

    private static LocalDate day(String s) {
        try {
            return s.matches("[0-9]{8}") ? LocalDate.parse(s, DAY) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDateTime time(String s) {
        try {
            return s.matches("[0-9]{14}") ? LocalDateTime.parse(s, TIME) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean decimal(String s) {
        return s.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    }

    private static boolean whole(String s) {
        return s.matches("[0-9]+");
    }

    private static boolean utf8(byte[] line) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
