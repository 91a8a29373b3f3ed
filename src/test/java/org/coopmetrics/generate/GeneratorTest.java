package org.coopmetrics.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.coopmetrics.JobException;
import org.coopmetrics.cli.CliRun;
import org.coopmetrics.normalize.ReferenceData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator on its own (no Spark): determinism, shares, skew, formats, and spellings the job accepts. */
class GeneratorTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    /** 100,000 rows with the default shares, generated once for the statistical checks. */
    static Path big;
    static JsonNode bigDescription;

    @BeforeAll
    static void generateOnce() throws IOException {
        big = tmp.resolve("big");
        generate(big, 100_000, 7, 4, 0);
        bigDescription = JSON.readTree(big.resolve(Generator.DESCRIPTION).toFile());
    }

    static Generator.Result generate(Path out, long rows, long seed, int files, int threads) {
        return Generator.generate(new Generator.Settings(out.toString(), rows, seed, files, threads, false),
                new Configuration());
    }

    /** Relative path to bytes, for every file under the folder. */
    static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void sameSeedGivesTheSameBytesWhateverTheThreads() throws IOException {
        Path one = tmp.resolve("one-thread");
        Path three = tmp.resolve("three-threads");
        generate(one, 20_000, 11, 3, 1);
        generate(three, 20_000, 11, 3, 3);
        Map<String, byte[]> a = contents(one);
        Map<String, byte[]> b = contents(three);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((name, bytes) -> assertArrayEquals(bytes, b.get(name), name));
        assertEquals(Set.of("_generator.json", "reference/fx_rates.csv",
                "statements/statements-000.jsonl", "statements/statements-001.csv", "statements/statements-002.jsonl",
                "agreements/agreements-000.csv", "agreements/agreements-001.jsonl", "agreements/agreements-002.csv",
                "seizures/seizures-000.jsonl", "seizures/seizures-001.csv", "seizures/seizures-002.jsonl"),
                a.keySet(), "no .crc or other side files");
    }

    @Test
    void anotherSeedGivesOtherData() throws IOException {
        Path other = tmp.resolve("seed-12");
        generate(other, 20_000, 12, 3, 0);
        Path same = tmp.resolve("seed-11");
        generate(same, 20_000, 11, 3, 0);
        Map<String, byte[]> a = contents(other);
        Map<String, byte[]> b = contents(same);
        for (String file : List.of("statements/statements-000.jsonl", "seizures/seizures-001.csv",
                "reference/fx_rates.csv")) {
            assertFalse(java.util.Arrays.equals(a.get(file), b.get(file)), file + " should differ");
        }
    }

    @Test
    void datasetSharesRevisionsAndSpoiltRows() {
        JsonNode d = bigDescription.get("datasets");
        assertEquals(45_000, d.at("/statements/rows").asLong());
        assertEquals(5_000, d.at("/agreements/rows").asLong());
        assertEquals(50_000, d.at("/seizures/rows").asLong());
        for (String name : List.of("statements", "agreements", "seizures")) {
            JsonNode ds = d.get(name);
            double rows = ds.get("rows").asDouble();
            double revisions = ds.get("revision_rows").asDouble() / rows;
            double bad = ds.get("bad_rows").asDouble() / rows;
            assertTrue(revisions > 0.015 && revisions < 0.025, name + " revision share " + revisions);
            assertTrue(bad > 0.003 && bad < 0.008, name + " spoilt share " + bad);
            JsonNode e = ds.get("expected");
            assertEquals(e.get("read").asLong(), e.get("accepted").asLong() + e.get("quarantined").asLong()
                    + e.get("superseded").asLong() + e.get("after_as_of").asLong(), name + " identity");
            assertEquals(4, ds.get("files").size());
            Set<String> formats = new TreeSet<>();
            ds.get("files").forEach(f -> formats.add(f.asText().replaceAll(".*\\.", "")));
            assertEquals(Set.of("csv", "jsonl"), formats, name + " formats");
        }
    }

    /** Seizures: parsed back from both formats, pairs and sectors are skewed, and every unit and currency occurs. */
    @Test
    void seizuresAreSkewedAndUseEveryUnitAndCurrency() throws IOException {
        Map<String, String> countries = ReferenceData.load(null, new Configuration()).countries();
        ReferenceData ref = ReferenceData.load(null, new Configuration());
        Map<String, Long> pairs = new HashMap<>();
        Map<String, Long> sectors = new HashMap<>();
        Set<String> units = new TreeSet<>();
        Set<String> currencies = new TreeSet<>();
        long totals = 0;
        long rows = 0;
        for (Map<String, String> r : records(big.resolve("seizures"))) {
            rows++;
            if (r.get("quantity") != null && ref.units().containsKey(r.get("unit").trim().toLowerCase())) {
                units.add(ref.units().get(r.get("unit").trim().toLowerCase()).id());
            }
            if (r.get("currency") != null) {
                currencies.add(r.get("currency"));
            }
            totals += "period_total".equals(r.get("kind")) ? 1 : 0;
            String a = countries.get(String.valueOf(r.get("reporting_country")).trim().toLowerCase());
            String b = countries.get(String.valueOf(r.get("partner_country")).trim().toLowerCase());
            if (a != null && b != null) {
                pairs.merge(a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a, 1L, Long::sum);
            }
            String sector = r.get("sector") == null ? "counter_narcotics" : ref.sectors().get(r.get("sector").trim().toLowerCase());
            sectors.merge(String.valueOf(sector), 1L, Long::sum);
        }
        assertEquals(50_000, rows);
        assertEquals(Set.of("mg", "g", "kg", "t", "lb", "oz", "ml", "l", "tablets", "units", "doses"), units);
        assertTrue(currencies.containsAll(List.of("USD", "EUR", "PKR", "MXN", "COP")), currencies.toString());
        assertTrue(totals > 1_500 && totals < 4_500, "period totals " + totals);
        long withPartner = pairs.values().stream().mapToLong(Long::longValue).sum();
        long top10 = pairs.values().stream().sorted((x, y) -> Long.compare(y, x)).limit(10).mapToLong(Long::longValue).sum();
        assertTrue(pairs.size() > 500, "pairs " + pairs.size());
        assertTrue(top10 > 0.3 * withPartner, "top 10 of " + pairs.size() + " pairs carry " + top10 + " of " + withPartner);
        assertTrue(sectors.get("counter_narcotics") > 0.6 * rows, "seizures are mostly counter-narcotics");
    }

    @Test
    void statementsHaveOneToThreeSectorsAndQuoteCsvProperly() throws IOException {
        ReferenceData ref = ReferenceData.load(null, new Configuration());
        Map<Integer, Long> sectorCounts = new TreeMap<>();
        Map<String, Long> sectors = new HashMap<>();
        long quotedCells = 0;
        for (Map<String, String> r : records(big.resolve("statements"))) {
            String list = r.get("sectors");
            if (list == null) {
                continue; // a malformed row
            }
            String[] items = list.split(";");
            sectorCounts.merge(items.length, 1L, Long::sum);
            for (String s : items) {
                sectors.merge(String.valueOf(ref.sectors().get(s.trim().toLowerCase())), 1L, Long::sum);
            }
            String quote = r.get("quote");
            quotedCells += quote != null && quote.contains("\"") ? 1 : 0;
        }
        // 1-3 sectors; a fourth only on a row spoilt with an unknown sector
        assertTrue(sectorCounts.keySet().containsAll(Set.of(1, 2, 3)), sectorCounts.toString());
        assertTrue(sectorCounts.getOrDefault(4, 0L) < 100, sectorCounts.toString());
        assertTrue(sectorCounts.get(1) > sectorCounts.get(2) && sectorCounts.get(2) > sectorCounts.get(3));
        long all = sectors.values().stream().mapToLong(Long::longValue).sum();
        long top3 = sectors.values().stream().sorted((x, y) -> Long.compare(y, x)).limit(3).mapToLong(Long::longValue).sum();
        assertTrue(top3 > 0.5 * all, "top 3 sectors carry " + top3 + " of " + all);
        assertTrue(quotedCells > 100, "quotes with double quotes survive both formats");
    }

    /** The records of a dataset folder as field maps, lists joined by ';' (JSON through Jackson, CSV through univocity). */
    static List<Map<String, String>> records(Path folder) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setLineSeparator("\n");
        settings.setMaxCharsPerColumn(-1);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().collect(Collectors.toList())) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                if (f.toString().endsWith(".csv")) {
                    CsvParser parser = new CsvParser(settings);
                    String[] header = parser.parseLine(lines.get(0));
                    for (String line : lines.subList(1, lines.size())) {
                        String[] cells = parser.parseLine(line);
                        Map<String, String> m = new HashMap<>();
                        if (cells.length == header.length) {
                            for (int i = 0; i < header.length; i++) {
                                m.put(header[i], cells[i]);
                            }
                        }
                        out.add(m);
                    }
                } else {
                    for (String line : lines) {
                        Map<String, String> m = new HashMap<>();
                        try {
                            JSON.readTree(line).fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isArray()
                                    ? String.join(";", textItems(e.getValue())) : e.getValue().asText()));
                        } catch (IOException malformed) {
                            // a row spoilt as malformed_record
                        }
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    private static List<String> textItems(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(n -> items.add(n.asText()));
        return items;
    }

    /** Every spelling the generator uses resolves in the bundled reference tables. */
    @Test
    void everySpellingResolves() {
        ReferenceData ref = ReferenceData.load(null, new Configuration());
        for (String[] forms : Vocabulary.COUNTRIES) {
            for (String f : forms) {
                assertEquals(forms[0], ref.countries().get(f.toLowerCase()), f);
            }
        }
        for (String[] forms : Vocabulary.SECTORS) {
            for (String f : forms) {
                assertEquals(forms[0], ref.sectors().get(f.toLowerCase()), f);
            }
        }
        for (String[] forms : Vocabulary.DRUGS) {
            for (String f : forms) {
                assertEquals(forms[0], ref.drugs().get(f.toLowerCase()), f);
            }
        }
        assertEquals("mixed", ref.drugs().get("all drugs"));
        for (String[][] family : List.of(Vocabulary.MASS_UNITS, Vocabulary.VOLUME_UNITS, Vocabulary.COUNT_UNITS)) {
            for (String[] forms : family) {
                for (String f : forms) {
                    assertNotNull(ref.units().get(f), f);
                    assertEquals(forms[0], ref.units().get(f).id(), f);
                }
            }
        }
        assertTrue(ref.currencies().containsAll(List.of(Vocabulary.CURRENCIES)));
        assertTrue(ref.currencies().contains("BHD"), "no_fx_rate rows use a known currency without generated rates");
    }

    /** The generated FX table replaces the bundled one: it loads, and covers each currency from 2018-01-01. */
    @Test
    void fxOverrideCoversTheGeneratedYears() throws IOException {
        ReferenceData ref = ReferenceData.load(big.resolve("reference").toString(), new Configuration());
        assertTrue(ref.sources().get("fx_rates.csv").contains(big.toString()), ref.sources().toString());
        assertEquals("bundled:reference/countries.csv", ref.sources().get("countries.csv"));
        Map<String, List<ReferenceData.FxRate>> byCurrency = ref.fxRates().stream()
                .collect(Collectors.groupingBy(ReferenceData.FxRate::currency));
        assertEquals(Set.of(Vocabulary.CURRENCIES), byCurrency.keySet());
        byCurrency.forEach((c, rates) -> {
            assertEquals(96, rates.size(), c + ": monthly for 8 years");
            assertEquals(Vocabulary.FIRST_DAY, rates.stream().map(ReferenceData.FxRate::date).min(Comparable::compareTo)
                    .orElseThrow(), c);
        });
    }

    @Test
    void formatsEscapeWhatNeedsIt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Utf8Out out = new Utf8Out(bytes)) {
            out.csvCell("Korea, South");
            out.ascii('|');
            out.csvCell("He said \"no\"");
            out.ascii('|');
            out.csvCell("plain Türkiye");
            out.ascii('|');
            out.jsonString("a \"q\" \\ \t é");
        }
        assertEquals("\"Korea, South\"|\"He said \"\"no\"\"\"|plain Türkiye|\"a \\\"q\\\" \\\\ \\u0009 é\"",
                bytes.toString(StandardCharsets.UTF_8));
        assertEquals("12.345", Maker.milli(12_345));
        assertEquals("12", Maker.milli(12_000));
        assertEquals("0.005", Maker.milli(5));
        assertEquals("12.5", Maker.cents(1_250));
        assertEquals("2025-03-04T05:06:07Z", FileGenerator.instant(
                java.time.Instant.parse("2025-03-04T05:06:07Z").getEpochSecond()));
    }

    @Test
    void rowCounts() {
        assertEquals(3000, Generator.parseCount("3000"));
        assertEquals(100_000, Generator.parseCount("100k"));
        assertEquals(1_000_000, Generator.parseCount("1M"));
        assertEquals(2_500_000, Generator.parseCount("2.5m"));
        assertEquals(10_000_000, Generator.parseCount("10M"));
        for (String bad : List.of("", "ten", "-5", "1.5", "1e3x")) {
            assertEquals(JobException.USAGE, assertThrows(JobException.class, () -> Generator.parseCount(bad))
                    .exitCode(), bad);
        }
        assertArrayEquals(new long[] {450, 50, 500}, Generator.split(1000));
        assertArrayEquals(new long[] {0, 0, 1}, Generator.split(1));
    }

    @Test
    void commandLine() throws IOException {
        Path out = tmp.resolve("cli");
        CliRun.Outcome ok = CliRun.run("generate", "--out", out.toString(), "--rows", "2k", "--seed", "3",
                "--files", "2");
        assertEquals(0, ok.code(), ok.err());
        JsonNode d = JSON.readTree(out.resolve(Generator.DESCRIPTION).toFile());
        assertEquals(2000, d.get("rows").asLong());
        assertEquals(3, d.get("seed").asLong());
        CliRun.Outcome again = CliRun.run("generate", "--out", out.toString(), "--rows", "2k");
        assertEquals(2, again.code());
        assertTrue(again.err().contains("is not empty"), again.err());
        assertEquals(0, CliRun.run("generate", "--out", out.toString(), "--rows", "1k", "--overwrite").code());
        assertEquals(1000, JSON.readTree(out.resolve(Generator.DESCRIPTION).toFile()).get("rows").asLong());
        assertEquals(2, CliRun.run("generate", "--out", tmp.resolve("x").toString()).code(), "--rows is required");
        assertEquals(2, CliRun.run("generate", "--out", tmp.resolve("y").toString(), "--rows", "lots").code());
    }
}
