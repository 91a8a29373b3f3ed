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
 * reports of a fresh run on data/curated: no error output, a PNG chart in each, and the overview shows the
 * report's BHR-PAK September 2025 numbers. Skipped, saying so, where Jupyter is not installed.
 */
class NotebooksIT {
    static final Path NOTEBOOKS = Path.of("notebooks");
    static final List<String> EXPECTED = List.of("01_overview.ipynb", "02_agreements.ipynb", "03_seizures.ipynb",
            "04_quality_and_evidence.ipynb");
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
        List<String> cmd = new ArrayList<>(List.of(jupyter, "nbconvert", "--to", "notebook", "--execute",
                "--allow-errors", "--ExecutePreprocessor.timeout=300", "--output-dir", out.toString()));
        for (String name : EXPECTED) {
            cmd.add(NOTEBOOKS.resolve(name).toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("nbconvert.log").toFile());
        pb.environment().put("COOPMETRICS_REPORTS", reports.toAbsolutePath().toString());
        pb.environment().put("COOPMETRICS_DUCKDB_JAR", duckdbJar());
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Process p = pb.start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String log = Files.readString(tmp.resolve("nbconvert.log"));
        assertTrue(done, "jupyter nbconvert timed out\n" + log);
        assertEquals(0, p.exitValue(), "jupyter nbconvert failed\n" + log);
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
        StringBuilder shown = new StringBuilder();
        for (JsonNode o : outputs(executed.get("01_overview.ipynb"))) {
            shown.append(text(o.path("text"))).append('\n');
            shown.append(text(o.path("data").path("text/plain"))).append('\n');
        }
        assertTrue(shown.toString().lines().anyMatch(l -> l.strip().equals(expected)),
                "the overview does not show: " + expected + "\n--- its text outputs:\n" + shown);
    }
}
