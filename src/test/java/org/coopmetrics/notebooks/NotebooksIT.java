package org.coopmetrics.notebooks;

import static org.coopmetrics.SparkTestSupport.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.coopmetrics.cli.CoopMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyst notebooks (notebooks/*.ipynb) executed headless, as `jupyter nbconvert --execute`, against the
 * reports of a fresh run on data/curated: no error output, a PNG chart in each, the overview shows the
 * report's BHR-PAK September 2025 numbers, and the events notebook the top pairs by events and the events'
 * manifest counts that data/events_expected.py prints. Skipped, saying so, where Jupyter is not installed.
 */
class NotebooksIT {
    static final Path NOTEBOOKS = Path.of("notebooks");
    static final List<String> EXPECTED = List.of("01_overview.ipynb", "02_agreements.ipynb", "03_seizures.ipynb",
            "04_quality_and_evidence.ipynb", "05_events.ipynb");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static String jupyter;
    static Path reports;
    /** Executed notebook (file name) to its JSON. */
    static final Map<String, JsonNode> executed = new LinkedHashMap<>();

    @BeforeAll
    static void runJobAndNotebooks() throws Exception {
        jupyter = findJupyter();
        if (jupyter == null) {
            System.err.println("NotebooksIT: `jupyter nbconvert` not found: the notebooks are not executed (Debian: "
                    + "apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel python3-pandas "
                    + "python3-matplotlib python3-jpype)");
            return;
        }
        long start = System.nanoTime();
        spark();
        reports = tmp.resolve("reports");
        assertEquals(0, CoopMetrics.execute("run", "--input", "data/curated", "--output", reports.toString(),
                "--as-of", "2025-12-31", "--grain", "month,quarter,year")); // the grains the notebooks use

        long ran = System.nanoTime();
        Path out = Files.createDirectories(tmp.resolve("executed"));
        // Two nbconvert processes side by side, each executing every other notebook: a kernel spends most of its
        // time starting (Python, pandas, a JVM for DuckDB) on one core.
        List<Process> processes = new ArrayList<>();
        for (int half = 0; half < 2; half++) {
            List<String> cmd = new ArrayList<>(List.of(jupyter, "nbconvert", "--to", "notebook", "--execute",
                    "--allow-errors", "--ExecutePreprocessor.timeout=300", "--output-dir", out.toString()));
            for (int i = half; i < EXPECTED.size(); i += 2) {
                cmd.add(NOTEBOOKS.resolve(EXPECTED.get(i)).toString());
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("nbconvert-" + half + ".log").toFile());
            pb.environment().put("COOPMETRICS_REPORTS", reports.toAbsolutePath().toString());
            pb.environment().put("COOPMETRICS_DUCKDB_JAR", duckdbJar());
            pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
            processes.add(pb.start());
        }
        StringBuilder log = new StringBuilder();
        try {
            for (int half = 0; half < 2; half++) {
                Process p = processes.get(half);
                boolean done = p.waitFor(10, TimeUnit.MINUTES);
                String halfLog = Files.readString(tmp.resolve("nbconvert-" + half + ".log"));
                log.append(halfLog);
                assertTrue(done, "jupyter nbconvert timed out\n" + halfLog);
                assertEquals(0, p.exitValue(), "jupyter nbconvert failed\n" + halfLog);
            }
        } finally {
            processes.forEach(Process::destroyForcibly); // those still running, after a failure
        }
        System.err.printf("NotebooksIT: job %.1f s, %d notebooks executed by %s in %.1f s%n", (ran - start) / 1e9,
                EXPECTED.size(), jupyter, (System.nanoTime() - ran) / 1e9);
        for (String name : EXPECTED) {
            Path file = out.resolve(name);
            assertTrue(Files.exists(file), "not executed: " + name + "\n" + log);
            executed.put(name, JSON.readTree(file.toFile()));
        }
    }

    /** Debian's /usr/bin/jupyter (where the apt packages are) first, then any `jupyter` on PATH; null unless it has nbconvert. */
    static String findJupyter() throws Exception {
        List<String> candidates = new ArrayList<>();
        candidates.add("/usr/bin/jupyter");
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            candidates.add(Path.of(dir, "jupyter").toString());
        }
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                Process p = new ProcessBuilder(c, "nbconvert", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0) {
                    return c;
                }
            }
        }
        return null;
    }

    /** The DuckDB JDBC jar of this test's class path (the notebooks read Parquet through it). */
    static String duckdbJar() throws Exception {
        for (String property : List.of("java.class.path", "surefire.test.class.path")) {
            for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
                if (entry.contains("duckdb_jdbc") && entry.endsWith(".jar")) {
                    return entry;
                }
            }
        }
        return Path.of(org.duckdb.DuckDBDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    static void assumeJupyter() {
        assumeTrue(jupyter != null, "jupyter nbconvert is not installed: the notebooks were not executed");
    }

    /** The outputs of every code cell, in order. */
    static List<JsonNode> outputs(JsonNode notebook) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode cell : notebook.path("cells")) {
            cell.path("outputs").forEach(all::add);
        }
        return all;
    }

    /** nbformat keeps multi-line text as a string or as an array of lines. */
    static String text(JsonNode node) {
        if (node.isArray()) {
            StringBuilder b = new StringBuilder();
            node.forEach(n -> b.append(n.asText()));
            return b.toString();
        }
        return node.asText("");
    }

    @Test
    void theNotebooksAreCommittedWithoutOutputs() throws Exception {
        List<String> found;
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            found = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".ipynb")).sorted()
                    .collect(Collectors.toList());
        }
        assertEquals(EXPECTED, found, "notebooks");
        for (String name : found) {
            for (JsonNode cell : JSON.readTree(NOTEBOOKS.resolve(name).toFile()).path("cells")) {
                assertTrue(cell.path("outputs").isEmpty() && cell.path("execution_count").isNull()
                        || !"code".equals(cell.path("cell_type").asText()),
                        name + ": clear the outputs before committing (jupyter nbconvert --clear-output --inplace)");
            }
        }
    }

    @Test
    void everyNotebookRunsWithoutErrorAndDrawsAChart() {
        assumeJupyter();
        List<String> problems = new ArrayList<>();
        executed.forEach((name, notebook) -> {
            JsonNode cells = notebook.path("cells");
            JsonNode first = cells.path(0);
            if (!"markdown".equals(first.path("cell_type").asText())) {
                problems.add(name + ": does not open with a markdown note");
            }
            boolean png = false;
            for (int i = 0; i < cells.size(); i++) {
                for (JsonNode o : cells.get(i).path("outputs")) {
                    String type = o.path("output_type").asText();
                    if ("error".equals(type)) {
                        problems.add(name + ", cell " + i + ": " + o.path("ename").asText() + ": "
                                + o.path("evalue").asText() + "\n" + text(cells.get(i).path("source")));
                    }
                    if ("stream".equals(type) && "stderr".equals(o.path("name").asText())
                            && text(o.path("text")).contains("Traceback")) {
                        problems.add(name + ", cell " + i + ": a traceback on stderr\n" + text(o.path("text")));
                    }
                    png |= o.path("data").has("image/png");
                }
            }
            if (!png) {
                problems.add(name + ": no image/png output (no chart)");
            }
        });
        if (!problems.isEmpty()) {
            fail(String.join("\n\n", problems));
        }
    }

    @Test
    void theOverviewShowsTheReportsBhrPakSeptember2025() throws Exception {
        assumeJupyter();
        // What the report holds, read independently of the notebook ...
        String where = "country_a = 'BHR' AND country_b = 'PAK' AND sector = 'counter_narcotics' AND grain = 'month' "
                + "AND period_start = DATE '2025-09-01'";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("SELECT statements, agreements_announced, cooperation_score FROM read_parquet('"
                     + reports.resolve("dyad_sector_period") + "/**/*.parquet', hive_partitioning = true) WHERE " + where)) {
            assertTrue(rs.next(), "no BHR-PAK counter_narcotics 2025-09 row in the report");
            assertEquals(3, rs.getLong(1));
            assertEquals(2, rs.getLong(2));
            assertEquals(21.8, rs.getDouble(3), 1e-9);
        }
        // ... is what the overview notebook shows.
        String expected = "BHR-PAK 2025-09 counter_narcotics: statements 3, agreements_announced 2, cooperation_score 21.8";
        String shown = shown("01_overview.ipynb");
        assertTrue(shown.lines().anyMatch(l -> l.strip().equals(expected)),
                "the overview does not show: " + expected + "\n--- its text outputs:\n" + shown);
    }

    /** The text outputs (streams and text/plain) of an executed notebook. */
    static String shown(String name) {
        StringBuilder shown = new StringBuilder();
        for (JsonNode o : outputs(executed.get(name))) {
            shown.append(text(o.path("text"))).append('\n');
            shown.append(text(o.path("data").path("text/plain"))).append('\n');
        }
        return shown.toString();
    }

    /**
     * The five pairs with most accepted events in the sample, as `python3 data/events_expected.py` prints them
     * (all in diplomacy): pair, events, a_to_b, b_to_a, mentions, sources, articles, Goldstein sum, mean tone.
     */
    static final Object[][] TOP_PAIRS = {
        {"FRA", "USA", 15, 5, 10, 54, 21, 54, 41.6, -0.943192074367},
        {"DEU", "USA", 13, 8, 5, 31, 13, 31, 37.6, -2.823347107290},
        {"CAN", "USA", 9, 5, 4, 31, 9, 31, 29.3, 0.163461731418},
        {"CUB", "USA", 9, 3, 6, 41, 9, 41, 26.1, -0.916126477944},
        {"CHN", "PAK", 7, 3, 4, 23, 7, 23, 41.5, 0.0},
    };

    @Test
    void theEventsNotebookShowsTheTopPairsAndTheManifestOfTheEvents() throws Exception {
        assumeJupyter();
        // What the report holds (year grain, all periods), read independently of the notebook, is what
        // data/events_expected.py counts from the raw files ...
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = duck.createStatement()) {
            String from = " FROM read_parquet('" + reports.resolve("dyad_sector_period")
                    + "/**/*.parquet', hive_partitioning = true) WHERE grain = 'year'";
            for (Object[] p : TOP_PAIRS) {
                try (ResultSet rs = st.executeQuery("SELECT sum(events)::BIGINT, sum(events_a_to_b)::BIGINT, "
                        + "sum(events_b_to_a)::BIGINT, sum(event_mentions)::BIGINT, sum(event_sources)::BIGINT, "
                        + "sum(event_articles)::BIGINT, sum(event_goldstein_sum), "
                        + "sum(event_tone_mean * events) / sum(events)" + from + " AND country_a = '" + p[0]
                        + "' AND country_b = '" + p[1] + "' AND sector = 'diplomacy'")) {
                    assertTrue(rs.next());
                    for (int i = 0; i < 6; i++) {
                        assertEquals(((Integer) p[2 + i]).longValue(), rs.getLong(1 + i), p[0] + "-" + p[1] + " column " + i);
                    }
                    assertEquals((Double) p[8], rs.getDouble(7), 1e-9, p[0] + "-" + p[1] + " Goldstein sum");
                    assertEquals((Double) p[9], rs.getDouble(8), 1e-9, p[0] + "-" + p[1] + " mean tone");
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT sum(events)::BIGINT, "
                    + "(sum(events) FILTER (WHERE sector = 'diplomacy'))::BIGINT, "
                    + "(sum(events) FILTER (WHERE sector = 'military_cooperation'))::BIGINT" + from)) {
                assertTrue(rs.next());
                assertEquals(295, rs.getLong(1));
                assertEquals(294, rs.getLong(2));
                assertEquals(1, rs.getLong(3));
            }
        }
        JsonNode events = JSON.readTree(reports.resolve("_manifest.json").toFile()).path("datasets").path("events");
        assertEquals(List.of(6090, 295, 0, 262, 0, 5533), Stream.of("read", "accepted", "quarantined", "superseded",
                "after_as_of", "out_of_scope").map(k -> events.path(k).asInt(-1)).collect(Collectors.toList()));

        // ... and the notebook shows it: the five pairs first, in this order, then the sectors and the manifest.
        String shown = shown("05_events.ipynb");
        List<String> lines = shown.lines().map(String::strip).collect(Collectors.toList());
        List<String> pairLines = lines.stream().filter(l -> l.matches("[A-Z]{3}-[A-Z]{3}: events .*"))
                .collect(Collectors.toList());
        List<String> expected = new ArrayList<>();
        for (Object[] p : TOP_PAIRS) {
            expected.add(String.format(Locale.ROOT, "%s-%s: events %d (diplomacy %d), %s->%s %d, %s->%s %d, "
                    + "mentions %d, sources %d, articles %d, Goldstein sum %.1f, mean tone %.2f", p[0], p[1], p[2], p[2],
                    p[0], p[1], p[3], p[1], p[0], p[4], p[5], p[6], p[7], p[8], p[9]));
        }
        assertTrue(pairLines.size() >= expected.size() && pairLines.subList(0, expected.size()).equals(expected),
                "the events notebook does not list first:\n" + String.join("\n", expected) + "\n--- its text outputs:\n"
                        + shown);
        for (String line : List.of(
                "all pairs: 295 events; diplomacy 294 (99.7%), military_cooperation 1 (0.3%)",
                "events: read 6090, accepted 295, quarantined 0, superseded 262, after_as_of 0, out_of_scope 5533 "
                        + "(from 3 files, events_min_mentions 1)",
                "out_of_scope by reason: not_cooperation 3525, not_two_countries 1827, same_country 181")) {
            assertTrue(lines.contains(line), "the events notebook does not show: " + line + "\n--- its text outputs:\n"
                    + shown);
        }
        // What the sample holds: the accepted events by year (events_expected.py: 2007=2, 2016=3, 2017=290).
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("events: 295 records dated ")
                && l.endsWith("; by year 2007: 2, 2016: 3, 2017: 290")),
                "the events notebook does not show the events by year\n--- its text outputs:\n" + shown);
    }
}
