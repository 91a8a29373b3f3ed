package org.coopmetrics.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.Ledger;
import org.coopmetrics.ingest.RawRecord;
import org.junit.jupiter.api.Test;

/**
 * The per-row buckets of contract section 6 (steps 1 to 3) on hand-made rows, one per reason, and their counts on
 * the real 2017 sample against data/events_expected.py, which shares no code with the job.
 */
class EventRulesTest {
    private static final ReferenceData REF = ReferenceData.load(null, new Configuration());
    private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");

    private static EventRules rules(LocalDate asOf, long minMentions) {
        return new EventRules(REF.cameoCountries(), REF.eventSectors(), asOf, minMentions);
    }

    /** Pakistan's Anti-Narcotics Force and Bahrain's police share intelligence, 2025-09-11. */
    private static Object[] event(Consumer<Map<String, String>> change) {
        Map<String, String> f = new TreeMap<>();
        f.put("GLOBALEVENTID", "1200000001");
        f.put("SQLDATE", "20250911");
        f.put("Actor1CountryCode", "PAK");
        f.put("Actor2CountryCode", "BHR");
        f.put("Actor2Type1Code", "COP");
        f.put("EventCode", "064");
        f.put("EventBaseCode", "064");
        f.put("EventRootCode", "06");
        f.put("GoldsteinScale", "7.0");
        f.put("NumMentions", "4");
        f.put("NumSources", "2");
        f.put("NumArticles", "4");
        f.put("AvgTone", "2.5316455696202531");
        f.put("DATEADDED", "20250911083000");
        f.put("SOURCEURL", "https://example.org/pak-bhr");
        change.accept(f);
        Object[] values = new Object[DatasetSpec.EVENTS.fields().size()];
        f.forEach((name, value) -> values[DatasetSpec.EVENTS.fields().indexOf(name)] = value);
        return values;
    }

    private static Verdict verdict(Consumer<Map<String, String>> change) {
        return rules(AS_OF, 1).apply(new RawRecord("e.export.CSV", 1, "raw", null, event(change)),
                new Object[EventRules.COLUMNS.size()]);
    }

    private static void assertVerdict(String status, String code, String detail, Verdict v) {
        assertEquals(status, v.status());
        assertEquals(code, v.code());
        assertEquals(detail, v.detail());
    }

    @Test
    void anInScopeEventIsAcceptedWithItsCanonicalValues() {
        Object[] out = new Object[EventRules.COLUMNS.size()];
        Verdict v = rules(AS_OF, 1).apply(new RawRecord("e.export.CSV", 1, "raw", null, event(f -> { })), out);
        assertEquals(Verdict.ACCEPTED, v);
        assertEquals(1200000001L, out[0]);
        assertEquals(Date.valueOf("2025-09-11").toLocalDate(), out[1]);
        assertEquals(Timestamp.valueOf("2025-09-11 08:30:00").toLocalDateTime(),
                ((Timestamp) out[2]).toInstant().atOffset(java.time.ZoneOffset.UTC).toLocalDateTime());
        assertEquals("PAK", out[3]);
        assertEquals("BHR", out[6]);
        assertEquals("064", out[7]);
        assertEquals("06", out[9]);
        // 064 share intelligence, and a police actor (COP)
        assertArrayEquals(new String[] {"intelligence_sharing", "law_enforcement"}, (String[]) out[10]);
        assertEquals(7.0, out[11]);
        assertEquals(4L, out[12]);
        assertEquals(2L, out[13]);
        assertEquals(4L, out[14]);
        assertEquals(2.5316455696202531, out[15]);
        assertEquals("https://example.org/pak-bhr", out[16]);
    }

    @Test
    void aSourceUrlThatIsNoUrlIsKeptAsTextAndQuarantinesNothing() {
        // GDELT writes what its source gave; curated sources must be http(s) URLs, an event's SOURCEURL need not.
        for (String source : new String[] {"BBC Monitoring", "ftp://example.org/a", ""}) {
            Object[] out = new Object[EventRules.COLUMNS.size()];
            Verdict v = rules(AS_OF, 1).apply(new RawRecord("e.export.CSV", 1, "raw", null, event(f -> {
                if (source.isEmpty()) {
                    f.remove("SOURCEURL");
                } else {
                    f.put("SOURCEURL", source);
                }
            })), out);
            assertEquals(Verdict.ACCEPTED, v, source);
            assertEquals(source.isEmpty() ? null : source, out[16]);
        }
    }

    @Test
    void cameoCodesBecomeIsoCodesAndAnEventOfNoSecuritySectorCountsInDiplomacy() {
        Object[] out = new Object[EventRules.COLUMNS.size()];
        Verdict v = rules(AS_OF, 1).apply(new RawRecord("e.export.CSV", 1, "raw", null, event(f -> {
            f.put("Actor1CountryCode", "ROM"); // ISO 3166 used ROM for Romania until 2002
            f.put("Actor2CountryCode", "MTN"); // CAMEO's Montenegro
            f.remove("Actor2Type1Code");
            f.put("EventCode", "042");
            f.put("EventBaseCode", "042");
            f.put("EventRootCode", "04");
        })), out);
        assertEquals(Ledger.ACCEPTED, v.status());
        assertEquals("ROM", out[3]);
        assertEquals("ROU", out[5]);
        assertEquals("MNE", out[6]);
        assertArrayEquals(new String[] {"diplomacy"}, (String[]) out[10]);
    }

    /** The number and date checks are written by hand; they take what the codebook's patterns take. */
    @Test
    void theHandWrittenChecksTakeExactlyWhatTheirPatternsTake() {
        Pattern decimal = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
        for (String text : List.of("0", "-3.5", "+2", "5.", ".5", "-.25", "1e5", "1E-3", "2.5e+10", "-0", "007",
                "", ".", "+", "-", "+.", "e5", ".e5", "1e", "1e+", "1.2.3", "1,5", " 1", "1 ", "NaN", "Infinity",
                "0x1p3", "1d", "1f", "--1", "1e5.5", "١")) {
            Double parsed = EventRules.decimal(text);
            assertEquals(decimal.matcher(text).matches(), parsed != null, "decimal '" + text + "'");
            if (parsed != null) {
                assertEquals(Double.parseDouble(text), parsed, "decimal '" + text + "'");
            }
        }
        assertEquals(12L, EventRules.whole("012"));
        for (String text : List.of("", "+1", "-1", "1.0", "1e3", "١٢", "99999999999999999999")) {
            assertNull(EventRules.whole(text), "whole '" + text + "'");
        }
        assertEquals(LocalDate.of(2017, 6, 1), EventRules.day("20170601"));
        for (String text : List.of("2017061", "201706011", "2017-6-1", "2017O601", "00000101", "20170631")) {
            assertNull(EventRules.day(text), "day '" + text + "'");
        }
        assertEquals(LocalDate.of(2017, 6, 1).atTime(23, 45, 0), EventRules.instant("20170601234500"));
        for (String text : List.of("2017060123450", "201706012345000", "2017060123450x", "20170601240000")) {
            assertNull(EventRules.instant(text), "instant '" + text + "'");
        }
    }

    @Test
    void datesThatAreNotRealDaysAreInvalidDates() {
        assertVerdict(Ledger.QUARANTINED, "invalid_date", "SQLDATE: '20250231', not a day written yyyyMMdd",
                verdict(f -> f.put("SQLDATE", "20250231")));
        assertVerdict(Ledger.QUARANTINED, "invalid_date", "SQLDATE is empty, not a day written yyyyMMdd",
                verdict(f -> f.remove("SQLDATE")));
        assertVerdict(Ledger.QUARANTINED, "invalid_date",
                "DATEADDED: '2025091108300', not a UTC instant written yyyyMMddHHmmss",
                verdict(f -> f.put("DATEADDED", "2025091108300")));
        assertVerdict(Ledger.QUARANTINED, "invalid_date",
                "DATEADDED: '20250911246000', not a UTC instant written yyyyMMddHHmmss",
                verdict(f -> f.put("DATEADDED", "20250911246000")));
    }

    @Test
    void numbersThatAreNotNumbersAreInvalidNumbers() {
        assertVerdict(Ledger.QUARANTINED, "invalid_number", "GoldsteinScale: 'NaN', not a number from -10 to 10",
                verdict(f -> f.put("GoldsteinScale", "NaN")));
        assertVerdict(Ledger.QUARANTINED, "invalid_number", "NumMentions: 'four', not a whole number",
                verdict(f -> f.put("NumMentions", "four")));
        assertVerdict(Ledger.QUARANTINED, "invalid_number", "NumSources: '2.5', not a whole number",
                verdict(f -> f.put("NumSources", "2.5")));
        assertVerdict(Ledger.QUARANTINED, "invalid_number", "NumArticles is empty, not a whole number",
                verdict(f -> f.remove("NumArticles")));
        assertVerdict(Ledger.QUARANTINED, "invalid_number", "AvgTone: '1e999', not a number from -100 to 100",
                verdict(f -> f.put("AvgTone", "1e999")));
        // Outside the codebook's scales: no value of them, and no sum could hold it.
        assertVerdict(Ledger.QUARANTINED, "invalid_number", "GoldsteinScale: '10.5', not a number from -10 to 10",
                verdict(f -> f.put("GoldsteinScale", "10.5")));
        assertVerdict(Ledger.QUARANTINED, "invalid_number", "AvgTone: '-100.01', not a number from -100 to 100",
                verdict(f -> f.put("AvgTone", "-100.01")));
        assertVerdict(Ledger.QUARANTINED, "invalid_number", "GLOBALEVENTID: '12a', not a whole number",
                verdict(f -> f.put("GLOBALEVENTID", "12a")));
        // A date is checked before a number, and both before scope.
        assertVerdict(Ledger.QUARANTINED, "invalid_date", "SQLDATE: '2025-09-11', not a day written yyyyMMdd",
                verdict(f -> {
                    f.put("SQLDATE", "2025-09-11");
                    f.put("NumMentions", "four");
                    f.put("EventRootCode", "01");
                }));
    }

    @Test
    void eventsThatAreNotCooperationBetweenTwoCountriesAreOutOfScopeByTheFirstReason() {
        assertVerdict(Ledger.OUT_OF_SCOPE, "not_cooperation", "EventRootCode '01'", verdict(f -> {
            f.put("EventRootCode", "01");
            f.put("Actor2CountryCode", "AFR");
        }));
        assertVerdict(Ledger.OUT_OF_SCOPE, "not_two_countries",
                "Actor2CountryCode 'AFR' is not a country of the CAMEO country table",
                verdict(f -> f.put("Actor2CountryCode", "AFR")));
        assertVerdict(Ledger.OUT_OF_SCOPE, "not_two_countries", "Actor1CountryCode is empty",
                verdict(f -> f.remove("Actor1CountryCode")));
        // The Gaza Strip and the West Bank are both ISO's Palestine.
        assertVerdict(Ledger.OUT_OF_SCOPE, "same_country", "both actors' countries are PSE", verdict(f -> {
            f.put("Actor1CountryCode", "GZS");
            f.put("Actor2CountryCode", "WSB");
        }));
        Verdict few = rules(AS_OF, 5).apply(new RawRecord("e.export.CSV", 1, "raw", null, event(f -> { })),
                new Object[EventRules.COLUMNS.size()]);
        assertVerdict(Ledger.OUT_OF_SCOPE, "few_mentions", "NumMentions 4 is below events_min_mentions 5", few);
    }

    @Test
    void eventsDatedOrRecordedAfterTheAsOfDateWait() {
        assertEquals(Verdict.AFTER_AS_OF, verdict(f -> f.put("SQLDATE", "20260101")));
        // Dated before the as-of date, but GDELT recorded it after that day's end (UTC).
        assertEquals(Verdict.AFTER_AS_OF, verdict(f -> f.put("DATEADDED", "20260101000000")));
        assertEquals(Verdict.ACCEPTED, verdict(f -> f.put("DATEADDED", "20251231234500")));
        // Out of scope comes first.
        assertEquals(Ledger.OUT_OF_SCOPE, verdict(f -> {
            f.put("SQLDATE", "20260101");
            f.put("EventRootCode", "01");
        }).status());
    }

    @Test
    void theRealSampleCountsAsTheIndependentScriptCountsIt() throws IOException {
        // python3 data/events_expected.py: as of 2025-12-31 with events_min_mentions 1, 5,533 rows are out of
        // scope (3,525 not cooperation, 1,827 not two countries, 181 the same country) and 557 go on to step 4;
        // as of 2017-06-01 with 3, 5,881 (348 few mentions), 70 after the as-of date and 139 go on.
        assertEquals(Map.of("out_of_scope", 5533L, "out_of_scope/not_cooperation", 3525L,
                "out_of_scope/not_two_countries", 1827L, "out_of_scope/same_country", 181L, "accepted", 557L),
                count(rules(AS_OF, 1)));
        assertEquals(Map.of("out_of_scope", 5881L, "out_of_scope/not_cooperation", 3525L,
                "out_of_scope/not_two_countries", 1827L, "out_of_scope/same_country", 181L,
                "out_of_scope/few_mentions", 348L, "after_as_of", 70L, "accepted", 139L),
                count(rules(LocalDate.parse("2017-06-01"), 3)));
    }

    /** Rows by status, and out-of-scope rows by reason; the files split on tabs here, not by the job's reader. */
    private static Map<String, Long> count(EventRules rules) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        try (var files = Files.list(Path.of("data/curated/events"))) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] cells = line.split("\t", -1);
                    Object[] values = new Object[cells.length];
                    for (int i = 0; i < cells.length; i++) {
                        values[i] = cells[i].isBlank() ? null : cells[i].strip();
                    }
                    Verdict v = rules.apply(new RawRecord(file.toString(), 0, line, null, values),
                            new Object[EventRules.COLUMNS.size()]);
                    counts.merge(v.status(), 1L, Long::sum);
                    if (v.outOfScope() != null) {
                        counts.merge(v.status() + "/" + v.code(), 1L, Long::sum);
                    }
                }
            }
        }
        return counts;
    }
}
