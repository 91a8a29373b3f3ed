package org.coopmetrics.cli;

import static org.coopmetrics.SparkTestSupport.deleteTree;
import static org.coopmetrics.SparkTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.coopmetrics.cli.CliRun.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract's exit codes, with the message a user reads on stderr. */
class ExitCodesTest {
    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeAll
    static void session() {
        org.coopmetrics.SparkTestSupport.spark(); // the job picks up the test JVM's session
    }

    static Outcome run(String... args) {
        return CliRun.run(args);
    }

    static final String STATEMENT = "{\"statement_id\":\"s%d\",\"date\":\"2025-09-10\",\"speaker\":\"A\","
            + "\"speaker_country\":\"PAK\",\"counterpart_country\":\"%s\",\"sectors\":[\"CT\"],\"kind\":\"intent\","
            + "\"sources\":[\"https://example.org/%d\"],\"recorded_at\":\"2025-09-11T00:00:00Z\"}\n";

    /** An input folder with n statements, of which the first `bad` name an unknown country. */
    Path input(int n, int bad) {
        Path in = dir.resolve("in");
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(String.format(STATEMENT, i, i < bad ? "Atlantis" : "BHR", i));
        }
        write(in, "statements/s.jsonl", s.toString());
        write(in, "agreements/a.csv", "agreement_id,type,title,parties,sectors,announced_on,sources,recorded_at\n"
                + "a1,mou,MoU,PAK;BHR,extradition,2025-09-10,https://example.org/a,2025-09-11T00:00:00Z\n");
        write(in, "seizures/z.csv", "seizure_id,kind,date,reporting_country,drug,quantity,unit,sources,recorded_at\n"
                + "z1,event,2025-09-01,PAK,heroin,12,kg,https://example.org/z,2025-09-11T00:00:00Z\n");
        return in;
    }

    @Test
    void badFlagIsAUsageError() {
        Outcome o = run("run", "--input", "x", "--output", "y", "--grain", "fortnight");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--grain: unknown grain 'fortnight'"), o.err());
        assertEquals(2, run("run", "--no-such-flag").code());
        Outcome asOf = run("run", "--input", "x", "--output", "y", "--as-of", "2025-02-30");
        assertEquals(2, asOf.code());
        assertTrue(asOf.err().contains("--as-of: '2025-02-30' is not a date"), asOf.err());
        assertEquals(2, run().code(), "no command");
    }

    @Test
    void misspelledConfigKeyIsNamed() {
        Path config = write(dir, "c.json", "{\"input\": \"x\",\n \"gains\": [\"month\"]}");
        Outcome o = run("run", "--config", config.toString(), "--output", "y");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("unknown key 'gains' at line 2"), o.err());
    }

    @Test
    void missingInputIsExit4() {
        Outcome o = run("run", "--input", dir.resolve("nowhere").toString(), "--output", dir.resolve("out").toString(),
                "--as-of", "2025-12-31");
        assertEquals(4, o.code());
        assertTrue(o.err().contains("does not exist"), o.err());

        Path in = input(3, 0);
        deleteTree(in.resolve("seizures"));
        Outcome folder = run("run", "--input", in.toString(), "--output", dir.resolve("out").toString(),
                "--as-of", "2025-12-31");
        assertEquals(4, folder.code());
        assertTrue(folder.err().contains("seizures does not exist"), folder.err());
    }

    @Test
    void outputThatIsAFileIsAUsageError() {
        Path in = input(3, 0);
        Path file = write(dir, "out.txt", "not a folder");
        Outcome o = run("run", "--input", in.toString(), "--output", file.toString(), "--as-of", "2025-12-31");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("is an existing file"), o.err());
    }

    @Test
    void qualityGatePublishesNothingAndKeepsThePreviousReports() throws Exception {
        Path out = dir.resolve("out");
        Path in = input(10, 0);
        assertEquals(0, run("run", "--input", in.toString(), "--output", out.toString(), "--as-of", "2025-12-31",
                "--grain", "month").code());
        String published = Files.readString(out.resolve("_manifest.json"));

        // 2 of 10 statements quarantined: 20% > 5%.
        input(10, 2);
        Outcome o = run("run", "--input", in.toString(), "--output", out.toString(), "--as-of", "2025-12-31",
                "--grain", "month");
        assertEquals(3, o.code());
        assertTrue(o.err().contains("statements: 2 of 10 rows quarantined (20.0% > 5.0%)"), o.err());
        assertEquals(published, Files.readString(out.resolve("_manifest.json")), "published manifest unchanged");

        Path rejected;
        try (Stream<Path> runs = Files.list(out.resolve("_rejected"))) {
            rejected = runs.findFirst().orElseThrow();
        }
        JsonNode manifest = new ObjectMapper().readTree(rejected.resolve("_manifest.json").toFile());
        assertEquals("failed_quality_gate", manifest.get("status").asText());
        assertEquals(2, manifest.at("/datasets/statements/quarantined_by_reason/unknown_country").asLong());
        assertEquals(2, org.coopmetrics.SparkTestSupport.spark().read()
                .parquet(rejected.resolve("quarantine").toString()).count());
        assertFalse(Files.exists(out.resolve("_staging").resolve(manifest.get("run_id").asText())));

        // A looser gate lets the same input through.
        assertEquals(0, run("run", "--input", in.toString(), "--output", out.toString(), "--as-of", "2025-12-31",
                "--grain", "month", "--max-quarantine-ratio", "0.25").code());
    }

    @Test
    void validatePrintsCountsAndWritesNothing() {
        Path in = input(4, 1);
        PrintStream before = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = CoopMetrics.execute("validate", "--input", in.toString(), "--as-of", "2025-12-31");
        } finally {
            System.setOut(before);
        }
        String text = stdout.toString(StandardCharsets.UTF_8);
        // 1 of 4 statements quarantined (25%) exceeds the default gate: validate says so with exit 3.
        assertEquals(3, code, text);
        assertTrue(text.matches("(?s).*statements\\s+4\\s+3\\s+1\\s+0\\s+0.*"), text);
        assertTrue(text.contains("s.jsonl:1 unknown_country: counterpart_country: unknown country 'Atlantis'"), text);
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void optionalDatasetMayBeMissing() throws Exception {
        Path in = input(3, 0);
        deleteTree(in.resolve("seizures"));
        Path config = write(dir, "c.json", "{\"optional_datasets\": [\"seizures\"], \"grains\": [\"month\"]}");
        Path out = dir.resolve("out");
        Outcome o = run("run", "--config", config.toString(), "--input", in.toString(), "--output", out.toString(),
                "--as-of", "2025-12-31");
        assertEquals(0, o.code(), o.err());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
        assertEquals(0, manifest.at("/datasets/seizures/read").asLong());
        assertEquals(0, manifest.at("/reports/country_seizure_period/rows").asLong());
        // 3 statements in counter_terrorism (alias CT) and the MoU in extradition, for BHR-PAK in 2025-09..12.
        assertEquals(8, manifest.at("/reports/dyad_sector_period/rows").asLong());
        // No events/ folder: the events dataset is there, having read nothing, and needs no config.
        assertEquals(0, manifest.at("/datasets/events/read").asLong());
        assertEquals(0, manifest.at("/datasets/events/files").asLong());
    }

    @Test
    void eventTablesAreCheckedOnlyByARunThatReadsEvents() throws Exception {
        Path in = input(3, 0);
        // A replacement sectors.csv without the bundled event_sectors.csv's general sector 'diplomacy'.
        Path ref = Files.createDirectories(dir.resolve("ref"));
        try (Stream<String> bundled = Files.lines(Path.of("data/reference/sectors.csv"))) {
            Files.write(ref.resolve("sectors.csv"), bundled.filter(l -> !l.startsWith("diplomacy,")).toList());
        }
        assertEquals(0, run("validate", "--input", in.toString(), "--as-of", "2025-12-31", "--reference-dir",
                ref.toString()).code(), "no events: the event tables are not checked");
        write(in, "events/20250911083000.export.CSV", "");
        Outcome withEvents = run("validate", "--input", in.toString(), "--as-of", "2025-12-31", "--reference-dir",
                ref.toString());
        assertEquals(2, withEvents.code(), withEvents.err());
        assertTrue(withEvents.err().contains("event_sectors.csv line 9, column sector: 'diplomacy' is not a sector of"),
                withEvents.err());
    }
}
