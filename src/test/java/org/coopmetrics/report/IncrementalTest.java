package org.coopmetrics.report;

import static org.coopmetrics.SparkTestSupport.spark;
import static org.coopmetrics.SparkTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.coopmetrics.cli.CoopMetrics;
import org.coopmetrics.ingest.DatasetSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --incremental rewrites only the partitions that late rows and revisions touch, and equals a full run. */
class IncrementalTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void session() {
        spark();
    }

    static int run(Path in, Path out, String... extra) {
        String[] base = {"run", "--input", in.toString(), "--output", out.toString(), "--as-of", "2025-12-31",
                "--grain", "month,year"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CoopMetrics.execute(args);
    }

    Path copyOfSample() throws IOException {
        Path in = dir.resolve("in");
        Path sample = Path.of("data/curated");
        try (Stream<Path> all = Files.walk(sample)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = in.resolve(sample.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return in;
    }

    /** Files (name and size) of one year's partitions of a report. */
    static Map<String, Long> year(Path out, String report, int year) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(out.resolve(report))) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                String rel = out.relativize(p).toString();
                if (rel.contains("/year=" + year + "/")) {
                    files.put(rel, Files.size(p));
                }
            }
        }
        return files;
    }

    @Test
    void lateRowsAndRevisionsRewriteOnlyTheirPartitions() throws Exception {
        Path in = copyOfSample();
        Path out = dir.resolve("out");
        assertEquals(0, run(in, out));
        Map<String, Long> dyad2024 = year(out, "dyad_sector_period", 2024);
        Map<String, Long> seizures2024 = year(out, "country_seizure_period", 2024);
        assertTrue(!dyad2024.isEmpty() && !seizures2024.isEmpty());

        // Recorded today, dated months ago: a new statement (2025-06-15) and a revision of sz-2025-005 (2025-03-06).
        write(in, "statements/late.jsonl", "{\"statement_id\": \"stm-late-1\", \"date\": \"2025-06-15\", "
                + "\"speaker\": \"A Minister\", \"speaker_country\": \"GBR\", \"counterpart_country\": \"PAK\", "
                + "\"sectors\": [\"CT\"], \"kind\": \"appeal\", \"sources\": [\"https://example.org/late\"], "
                + "\"recorded_at\": \"2026-11-01T00:00:00Z\"}\n");
        write(in, "seizures/late.jsonl", "{\"seizure_id\": \"sz-2025-005\", \"kind\": \"event\", \"date\": \"2025-03-06\", "
                + "\"reporting_country\": \"GBR\", \"partner_country\": \"COL\", \"partner_role\": \"origin\", "
                + "\"agency\": \"Border Force\", \"drug\": \"cocaine\", \"quantity\": 1300, \"unit\": \"lb\", "
                + "\"value\": 17000000, \"currency\": \"GBP\", \"sources\": [\"https://example.com/seizures/sz-2025-005\"], "
                + "\"recorded_at\": \"2026-11-01T00:00:00Z\"}\n");

        assertEquals(0, run(in, out, "--incremental"));
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
        assertEquals("incremental", manifest.get("mode").asText());
        // Both touched dates lie in 2025: the 2025 partitions of each grain, nothing of 2024.
        assertEquals("[\"grain=month/year=2025\",\"grain=year/year=2025\"]",
                manifest.at("/incremental/partitions_rewritten/dyad_sector_period").toString());
        assertEquals("[\"grain=month/year=2025\",\"grain=year/year=2025\"]",
                manifest.at("/incremental/partitions_rewritten/country_seizure_period").toString());
        assertEquals(dyad2024, year(out, "dyad_sector_period", 2024), "2024 dyad partitions untouched");
        assertEquals(seizures2024, year(out, "country_seizure_period", 2024), "2024 seizure partitions untouched");

        Path full = dir.resolve("full");
        assertEquals(0, run(in, full));
        assertEquals(PublicationTest.reports(full), PublicationTest.reports(out), "incremental equals full");
        JsonNode fullManifest = new ObjectMapper().readTree(full.resolve("_manifest.json").toFile());
        for (String r : List.of("dyad_sector_period", "country_seizure_period")) {
            assertEquals(fullManifest.at("/reports/" + r + "/rows").asLong(),
                    manifest.at("/reports/" + r + "/rows").asLong(), r + " rows in the manifest");
        }
        // The revision is in: 1300 lb + 48500 g in GBR cocaine, March 2025.
        double kg = spark().read().parquet(out.resolve("country_seizure_period").toString())
                .filter("reporting_country = 'GBR' and drug = 'cocaine' and grain = 'month' "
                        + "and period_start = '2025-03-01'").first().getAs("kg");
        assertEquals(1300 * 0.45359237 + 48.5, kg, 1e-9);
    }

    @Test
    void theNextNightWithALaterAsOfEqualsAFullRunAndOtherGrainsFallBackToAFullRun() throws Exception {
        Path in = copyOfSample();
        Path out = dir.resolve("out");
        String[] november = {"run", "--input", in.toString(), "--output", out.toString(), "--as-of", "2025-11-30",
                "--grain", "month,year"};
        assertEquals(0, CoopMetrics.execute(november));
        // as of 2025-12-31: December rows appear (zero-filled dyads, December seizures, agreements ended in it)
        assertEquals(0, run(in, out, "--incremental"));
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
        assertEquals("incremental", manifest.get("mode").asText());
        assertEquals("[\"grain=month/year=2025\",\"grain=year/year=2025\"]",
                manifest.at("/incremental/partitions_rewritten/dyad_sector_period").toString());
        Path full = dir.resolve("full");
        assertEquals(0, run(in, full));
        assertEquals(PublicationTest.reports(full), PublicationTest.reports(out), "incremental equals full");

        // Another night with other grains cannot reuse the published partitions: it runs in full.
        assertEquals(0, CoopMetrics.execute("run", "--input", in.toString(), "--output", out.toString(),
                "--as-of", "2025-12-31", "--grain", "year", "--incremental"));
        JsonNode fallback = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
        assertEquals("full", fallback.get("mode").asText());
        assertEquals("the grains differ from the published run's", fallback.at("/incremental_fallback/0").asText());
    }

    /** A real accepted event of the sample (the military cooperation IRQ -> SYR of 2017-06-01) as another one. */
    static String lateEvent(String id, String sqlDate, String dateAdded, String url) throws IOException {
        String[] f = Files.readAllLines(Path.of("data/curated/events/20170601234500.export.CSV")).get(1301)
                .split("\t", -1);
        f[DatasetSpec.EVENTS.fields().indexOf("GLOBALEVENTID")] = id;
        f[DatasetSpec.EVENTS.fields().indexOf("SQLDATE")] = sqlDate;
        f[DatasetSpec.EVENTS.fields().indexOf("DATEADDED")] = dateAdded;
        f[DatasetSpec.EVENTS.fields().indexOf("SOURCEURL")] = url;
        return String.join("\t", f) + "\n";
    }

    @Test
    void eventsAddedLaterReopenTheYearsOfTheirSqlDates() throws Exception {
        Path in = copyOfSample();
        // GDELT adds an event of 2017 on 2025-12-15: after the first night's as-of date, so left out then.
        write(in, "events/20251215000000.export.CSV", lateEvent("900000001", "20170601", "20251215000000",
                "https://example.org/late-1"));
        Path out = dir.resolve("out");
        assertEquals(0, CoopMetrics.execute("run", "--input", in.toString(), "--output", out.toString(), "--as-of",
                "2025-11-30", "--grain", "month,year"));
        assertEquals(1, new ObjectMapper().readTree(out.resolve("_manifest.json").toFile())
                .at("/datasets/events/after_as_of").asLong());
        // The next night, as of 2025-12-31, it is in, though added before the watermark (the latest DATEADDED
        // seen); and a batch added after the watermark brings an event of 2025-12-20.
        write(in, "events/20260105000000.export.CSV", lateEvent("900000002", "20251220", "20251231120000",
                "https://example.org/late-2"));
        assertEquals(0, run(in, out, "--incremental"));
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
        assertEquals("incremental", manifest.get("mode").asText());
        assertEquals(297, manifest.at("/datasets/events/accepted").asLong(), "the sample's 295 and the two");
        // The first is dated 2017-06-01: every year from 2017 to the as-of year is rewritten.
        assertEquals(18, manifest.at("/incremental/partitions_rewritten/dyad_sector_period").size());
        assertEquals("grain=month/year=2017",
                manifest.at("/incremental/partitions_rewritten/dyad_sector_period/0").asText());
        Path full = dir.resolve("full");
        assertEquals(0, run(in, full));
        assertEquals(PublicationTest.reports(full), PublicationTest.reports(out), "incremental equals full");
        assertEquals(2L, spark().read().parquet(out.resolve("dyad_sector_period").toString())
                .filter("grain = 'year' and sector = 'military_cooperation' and country_a = 'IRQ' "
                        + "and year = 2017").first().<Long>getAs("events"));
    }
}
