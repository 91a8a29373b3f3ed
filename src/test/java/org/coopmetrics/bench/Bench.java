package org.coopmetrics.bench;

import static org.coopmetrics.SparkTestSupport.deleteTree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.coopmetrics.generate.Generator;

/**
 * The benchmark behind {@code jobs/bench} (not a test: surefire and failsafe never run it). For each size it
 * generates the input once (cached under {@code target/bench}), then runs the three contenders in turn,
 * rotating their order each repetition, each in a process of its own:
 * <ul>
 * <li>(a) {@code jobs/coopmetrics --master local[2] run} with the nightly grains (month, quarter, year);
 * <li>(b) {@link SparkFloor}: the same files and schemas folded into a checksum, nothing written, through the
 * same launcher command line (JVM flags, master, shuffle partitions);
 * <li>(c) {@link DuckDbSeizures}: DuckDB, 2 threads, the seizure part of dyad_sector_period at month grain.
 * </ul>
 * It prints medians of wall time, input rows per second and peak RSS, the ratios a/b and a/c, the stages of
 * (a) from its manifest's {@code timings_ms}, and whether (a) and (c) agree on the seizure numbers.
 *
 * <p>Rows per second are input rows of the size for all three, though (c) reads the seizure files only (half).
 *
 * <p>Settings (environment): BENCH_REPS (3), BENCH_SEED (42), BENCH_FILES (files per dataset, 8),
 * BENCH_RSS (proc: poll VmHWM even where /usr/bin/time exists),
 * BENCH_DIR (target/bench), COOPMETRICS_SHUFFLE_PARTITIONS (2 x cores), COOPMETRICS_JAVA_OPTS (JVM options of
 * (a) and (b), e.g. -Xmx3g).
 */
public final class Bench {
    static final String MASTER = "local[2]";
    static final String GRAINS = "month,quarter,year";
    /** The prefix of an events size, {@code events:10M}. */
    static final String EVENTS = "events:";
    /** The curated rows beside the events of an events size (the job needs its three curated folders). */
    static final long EVENTS_CURATED = 1000;
    static final ObjectMapper JSON = new ObjectMapper();

    final Path root;
    final Path work;
    final int reps;
    final long seed;
    final int files;
    final String partitions;
    final String javaOpts;
    final boolean gnuTime;
    final String jar;
    final String runtimeClasspath;
    final String duckdbJar;
    final List<String> moduleFlags;

    /** One contender's measurements over the repetitions. */
    static final class Runs {
        final String label;
        final List<Double> seconds = new ArrayList<>();
        final List<Long> peakKb = new ArrayList<>();

        Runs(String label) {
            this.label = label;
        }
    }

    record Measured(double seconds, long peakKb) {
    }

    Bench(Path root) throws IOException {
        this.root = root;
        this.work = Path.of(env("BENCH_DIR", root.resolve("target/bench").toString())).toAbsolutePath();
        this.reps = Integer.parseInt(env("BENCH_REPS", "3"));
        this.seed = Long.parseLong(env("BENCH_SEED", "42"));
        this.files = Integer.parseInt(env("BENCH_FILES", "8"));
        this.partitions = env("COOPMETRICS_SHUFFLE_PARTITIONS",
                String.valueOf(2 * Runtime.getRuntime().availableProcessors()));
        this.javaOpts = env("COOPMETRICS_JAVA_OPTS", "");
        // BENCH_RSS=proc measures through /proc even where GNU time is installed.
        this.gnuTime = !"proc".equals(env("BENCH_RSS", "")) && Files.isExecutable(Path.of("/usr/bin/time"));
        try (Stream<Path> s = Files.list(root.resolve("target"))) {
            // The newest, as jobs/coopmetrics picks it: target/ may still hold the jar of an earlier version.
            this.jar = s.filter(p -> p.getFileName().toString().matches("coopmetrics-[^/]*\\.jar"))
                    .filter(p -> !p.toString().contains("original-") && !p.toString().contains("-sources"))
                    .max(Comparator.comparingLong(p -> p.toFile().lastModified())).map(Path::toString)
                    .orElseThrow(() -> new IllegalStateException("no jar in target/: run mvn -DskipTests package"));
        }
        this.runtimeClasspath = Files.readString(root.resolve("target/classpath.txt")).trim();
        this.duckdbJar = Arrays.stream(Files.readString(root.resolve("target/test-classpath.txt")).trim()
                        .split(File.pathSeparator)).filter(p -> p.contains("duckdb_jdbc")).findFirst()
                .orElseThrow(() -> new IllegalStateException("duckdb_jdbc is not on the test classpath"));
        String pom = Files.readString(root.resolve("pom.xml"));
        Matcher m = Pattern.compile("<spark.module.flags>(.*)</spark.module.flags>").matcher(pom);
        if (!m.find()) {
            throw new IllegalStateException("pom.xml has no spark.module.flags");
        }
        this.moduleFlags = List.of(m.group(1).trim().split("\\s+"));
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    public static void main(String[] args) throws Exception {
        List<String> sizes = args.length == 0 ? List.of("1M", "10M") : List.of(args);
        for (String s : sizes) {
            Generator.parseCount(count(s)); // fail early on a bad size
        }
        Bench bench = new Bench(Path.of("").toAbsolutePath());
        System.out.printf(Locale.ROOT, "coopmetrics bench: sizes %s, %d repetitions, seed %d, %d files per dataset, "
                        + "master %s, shuffle partitions %s, %d cores; peak RSS from %s%n", String.join(" ", sizes),
                bench.reps, bench.seed, bench.files, MASTER, bench.partitions,
                Runtime.getRuntime().availableProcessors(),
                bench.gnuTime ? "/usr/bin/time -f %M" : "/proc/<pid>/status VmHWM, polled every 50 ms (no /usr/bin/time)");
        Map<String, Double> medianA = new LinkedHashMap<>();
        for (String size : sizes) {
            medianA.put(size, bench.size(size));
        }
        List<String> run = medianA.keySet().stream().filter(k -> !k.startsWith(EVENTS)).toList();
        for (int i = 1; i < run.size(); i++) {
            String small = run.get(0);
            String large = run.get(i);
            double rowRatio = (double) Generator.parseCount(large) / Generator.parseCount(small);
            System.out.printf(Locale.ROOT, "scaling of (a): %s / %s = %.2fx wall time for %.0fx rows%n", large, small,
                    medianA.get(large) / medianA.get(small), rowRatio);
        }
    }

    /** A size's count: {@code 10M}, or {@code events:10M} for GDELT event rows. */
    static String count(String size) {
        return size.startsWith(EVENTS) ? size.substring(EVENTS.length()) : size;
    }

    /**
     * Benchmarks one size; returns the median wall time of (a). An events size ({@code events:10M}) is that many
     * GDELT event rows, plain export files (the floor's CSV source reads no zip), beside {@link #EVENTS_CURATED}
     * curated rows; (c), which covers seizures only, does not run.
     */
    double size(String size) throws Exception {
        boolean eventRun = size.startsWith(EVENTS);
        long rows = Generator.parseCount(count(size));
        Path data = work.resolve((eventRun ? "events-" + count(size) : "data-" + size) + "-seed" + seed
                + (files == 8 ? "" : "-files" + files));
        JsonNode description = cachedOrGenerated(data, eventRun ? EVENTS_CURATED : rows, eventRun ? rows : 0);
        long bytes = 0;
        for (JsonNode d : description.get("datasets")) {
            bytes += d.get("bytes").asLong();
        }
        System.out.printf(Locale.ROOT, "%n== %s input rows: %s (%.0f MB) ==%n", size, data, bytes / 1e6);
        String name = eventRun ? "events-" + count(size) : size; // no ':' in a Hadoop path
        Path out = work.resolve("out-" + name);
        Path logs = work.resolve("logs");
        Files.createDirectories(out);
        Files.createDirectories(logs);
        Runs a = new Runs("(a) coopmetrics run, grains " + GRAINS);
        Runs b = new Runs("(b) Spark floor: parse all, checksum");
        Runs c = new Runs("(c) DuckDB: seizure files by pair, sector, month");
        int contenders = eventRun ? 2 : 3;
        List<JsonNode> manifests = new ArrayList<>();
        Path lastA = null;
        Path lastC = null;
        for (int rep = 1; rep <= reps; rep++) {
            StringBuilder line = new StringBuilder("rep " + rep + ":");
            for (int k = 0; k < contenders; k++) {
                int which = (rep - 1 + k) % contenders; // rotate the order: no contender always runs first
                String tag = name + "-rep" + rep;
                if (which == 0) {
                    Path output = out.resolve("a-rep" + rep);
                    deleteTree(output);
                    Measured m = measure(commandA(data, output), logs.resolve(tag + "-a.log"));
                    a.seconds.add(m.seconds());
                    a.peakKb.add(m.peakKb());
                    manifests.add(JSON.readTree(output.resolve("_manifest.json").toFile()));
                    if (lastA != null) {
                        deleteTree(lastA);
                    }
                    lastA = output;
                    line.append(String.format(Locale.ROOT, " a %.1f s", m.seconds()));
                } else if (which == 1) {
                    Measured m = measure(commandB(data), logs.resolve(tag + "-b.log"));
                    b.seconds.add(m.seconds());
                    b.peakKb.add(m.peakKb());
                    line.append(String.format(Locale.ROOT, " b %.1f s", m.seconds()));
                } else {
                    Path output = out.resolve("c-rep" + rep + ".parquet");
                    Measured m = measure(commandC(data, output), logs.resolve(tag + "-c.log"));
                    c.seconds.add(m.seconds());
                    c.peakKb.add(m.peakKb());
                    if (lastC != null) {
                        Files.deleteIfExists(lastC);
                    }
                    lastC = output;
                    line.append(String.format(Locale.ROOT, " c %.1f s", m.seconds()));
                }
            }
            System.out.println(line);
        }
        System.out.printf("%-50s %10s %12s %13s %5s%n", "contender", "median s", "rows/s", "peak RSS MB", "runs");
        for (Runs r : eventRun ? List.of(a, b) : List.of(a, b, c)) {
            double s = median(r.seconds);
            System.out.printf(Locale.ROOT, "%-50s %10.1f %12.0f %13.0f %5d%n", r.label, s, rows / s,
                    median(r.peakKb.stream().map(Long::doubleValue).collect(Collectors.toList())) / 1024.0,
                    r.seconds.size());
        }
        if (eventRun) {
            System.out.printf(Locale.ROOT, "ratio (median wall time): a/b = %.2fx%n",
                    median(a.seconds) / median(b.seconds));
        } else {
            System.out.printf(Locale.ROOT, "ratios (median wall time): a/b = %.2fx, a/c = %.2fx%n",
                    median(a.seconds) / median(b.seconds), median(a.seconds) / median(c.seconds));
        }
        stages(manifests, a.seconds);
        checkCounts(description, manifests.get(manifests.size() - 1));
        if (!eventRun) {
            agreement(lastA, lastC);
        }
        return median(a.seconds);
    }

    JsonNode cachedOrGenerated(Path data, long rows, long events) throws IOException {
        Path description = data.resolve(Generator.DESCRIPTION);
        if (Files.exists(description)) {
            JsonNode d = JSON.readTree(description.toFile());
            if (d.get("rows").asLong() == rows && d.get("seed").asLong() == seed
                    && d.get("files_per_dataset").asInt() == files
                    && d.path("generator_format").asInt() == Generator.FORMAT
                    && d.path("datasets").path(Generator.EVENTS).path("rows").asLong() == events) {
                System.out.printf("%ninput: reusing %s%n", data);
                return d;
            }
        }
        Generator.Result r = Generator.generate(new Generator.Settings(data.toString(), rows, seed, files, 0, true,
                Generator.BAD_SHARE, Generator.REVISION_SHARE, events, 0), new Configuration());
        System.out.printf(Locale.ROOT, "%ninput: generated %d rows and %d events (%.0f MB) in %.1f s into %s%n", rows,
                events, r.bytes() / 1e6, r.millis() / 1000.0, data);
        return JSON.readTree(description.toFile());
    }

    /** (a): the launcher users run, on the Maven-built Spark (SPARK_HOME is cleared, as for (b)). */
    List<String> commandA(Path data, Path output) {
        return List.of(root.resolve("jobs/coopmetrics").toString(), "--master", MASTER, "run",
                "--input", data.toString(), "--output", output.toString(),
                "--reference-dir", data.resolve(Generator.REFERENCE).toString(),
                "--as-of", Generator.AS_OF, "--grain", GRAINS);
    }

    /** A choice of collector in JVM options, by the rule of jobs/coopmetrics (other GC options are not one). */
    static final Pattern COLLECTOR =
            Pattern.compile("(^|\\s)-XX:\\+Use(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC(\\s|$)");

    /** (b): what jobs/coopmetrics runs, with SparkFloor as the main class and the test classes on the path. */
    List<String> commandB(Path data) {
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(moduleFlags);
        // The collector jobs/coopmetrics gives local runs, so that (a) and (b) run under the same one.
        if (!COLLECTOR.matcher(javaOpts).find()) {
            cmd.add("-XX:+UseParallelGC");
        }
        cmd.add("-Dspark.buffer.pageSize=2m"); // and the memory pages it gives them (a user's own comes later)
        if (!javaOpts.isEmpty()) {
            cmd.addAll(List.of(javaOpts.split("\\s+")));
        }
        cmd.add("-Dlog4j2.configurationFile=file:" + root.resolve("jobs/log4j2.properties"));
        cmd.addAll(List.of("-cp", root.resolve("target/test-classes") + File.pathSeparator + jar + File.pathSeparator
                        + runtimeClasspath, "org.apache.spark.deploy.SparkSubmit", "--master", MASTER,
                "--conf", "spark.sql.shuffle.partitions=" + partitions,
                "--class", SparkFloor.class.getName(), jar, data.toString()));
        return cmd;
    }

    /** (c): a plain JVM with DuckDB's driver; DuckDB itself is native code. */
    List<String> commandC(Path data, Path output) {
        return List.of("java", "-cp", root.resolve("target/test-classes") + File.pathSeparator + duckdbJar,
                DuckDbSeizures.class.getName(), data.toString(), data.resolve(Generator.REFERENCE).toString(),
                root.resolve("data/reference").toString(), Generator.AS_OF, output.toString());
    }

    /** Runs a command to completion (output to the log), timing it and taking its peak resident memory. */
    Measured measure(List<String> command, Path log) throws IOException, InterruptedException {
        Path rss = Files.createTempFile(work, "rss", ".txt");
        List<String> cmd = new ArrayList<>();
        if (gnuTime) {
            cmd.addAll(List.of("/usr/bin/time", "-f", "%M", "-o", rss.toString()));
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove("SPARK_HOME");
        pb.environment().put("COOPMETRICS_SHUFFLE_PARTITIONS", partitions);
        pb.environment().put("COOPMETRICS_NO_BUILD", "1");
        long start = System.nanoTime();
        Process p = pb.start();
        long polled = 0;
        while (!p.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (!gnuTime) {
                polled = Math.max(polled, vmHwm(p.pid()));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = gnuTime ? parsePeak(rss) : polled;
        Files.deleteIfExists(rss);
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> System.out.println("  | " + l));
            throw new IllegalStateException("exit " + p.exitValue() + " from " + String.join(" ", command)
                    + " (log: " + log + ")");
        }
        return new Measured(seconds, peak);
    }

    private static long parsePeak(Path rss) throws IOException {
        List<String> lines = Files.readAllLines(rss);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).trim().matches("\\d+")) {
                return Long.parseLong(lines.get(i).trim());
            }
        }
        return -1;
    }

    /** The process's peak resident set (kB) so far, or 0 once it is gone. */
    static long vmHwm(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // finished between two polls
        }
        return 0;
    }

    /** Median per stage of (a) from timings_ms; "other" is the rest of the wall time (JVM, Spark, publication). */
    void stages(List<JsonNode> manifests, List<Double> seconds) {
        Map<String, List<Double>> byStage = new LinkedHashMap<>();
        List<Double> other = new ArrayList<>();
        for (int i = 0; i < manifests.size(); i++) {
            JsonNode t = manifests.get(i).get("timings_ms");
            if (t == null) {
                System.out.println("(a) stages: the manifest has no timings_ms");
                return;
            }
            other.add(seconds.get(i) - addSeconds(t, byStage));
        }
        byStage.put("other (JVM and Spark start/stop, reference data, publication)", other);
        System.out.println("(a) stages, median s (reports: all five, written concurrently):");
        byStage.forEach((stage, s) -> System.out.printf(Locale.ROOT, "  %-66s %7.1f%n", stage, median(s)));
        Map<String, List<Double>> byReport = new LinkedHashMap<>();
        for (JsonNode m : manifests) {
            if (m.has("report_timings_ms")) {
                addSeconds(m.get("report_timings_ms"), byReport);
            }
        }
        System.out.println("(a) each report, computed and written, median s (they overlap):");
        byReport.forEach((report, s) -> System.out.printf(Locale.ROOT, "  %-66s %7.1f%n", report, median(s)));
    }

    /** Adds each entry of a manifest's {@code name: ms} object to {@code into} in seconds; returns their sum. */
    static double addSeconds(JsonNode timingsMs, Map<String, List<Double>> into) {
        double sum = 0;
        for (var it = timingsMs.fields(); it.hasNext(); ) {
            var e = it.next();
            into.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().asDouble() / 1000);
            sum += e.getValue().asDouble() / 1000;
        }
        return sum;
    }

    /** The manifest's counts of a dataset that the generator's promises are checked against. */
    static final List<String> TALLY_KEYS = List.of("read", "accepted", "quarantined", "superseded", "after_as_of",
            "out_of_scope", "quarantined_by_reason", "out_of_scope_by_reason");

    /** (a)'s manifest against what the generator promised: rows read, accepted, superseded, quarantined by reason. */
    static void checkCounts(JsonNode description, JsonNode manifest) {
        List<String> differences = new ArrayList<>();
        for (var it = description.get("datasets").fields(); it.hasNext(); ) {
            var d = it.next();
            JsonNode expected = d.getValue().get("expected");
            JsonNode actual = manifest.at("/datasets/" + d.getKey());
            for (var f = expected.fields(); f.hasNext(); ) {
                var e = f.next();
                if (!TALLY_KEYS.contains(e.getKey())) {
                    continue; // what the generator promises beyond the manifest (events' accepted pairs, ...)
                }
                if (!e.getValue().equals(actual.get(e.getKey()))) {
                    differences.add(d.getKey() + "." + e.getKey() + ": expected " + e.getValue() + ", got "
                            + actual.get(e.getKey()));
                }
            }
        }
        System.out.println("(a)'s manifest vs _generator.json (read, accepted, superseded, quarantined by reason): "
                + (differences.isEmpty() ? "MATCH" : "DIFFER: " + String.join("; ", differences)));
    }

    /** Compares (a)'s dyad_sector_period month rows with seizure events to (c)'s Parquet. */
    static void agreement(Path a, Path c) throws Exception {
        String keys = "country_a, country_b, sector, period_start";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("SET threads = 2");
            st.execute("CREATE VIEW a AS SELECT " + keys + ", seizure_events, seizure_kg, seizure_value_usd "
                    + "FROM read_parquet(" + DuckDbSeizures.literal(a.resolve("dyad_sector_period/grain=month") + "/**/*.parquet")
                    + ") WHERE seizure_events > 0");
            st.execute("CREATE VIEW c AS SELECT * FROM read_parquet(" + DuckDbSeizures.literal(c.toString()) + ")");
            String on = Arrays.stream(keys.split(", ")).map(k -> "a." + k + " = c." + k)
                    .collect(Collectors.joining(" AND "));
            String equal = "a.seizure_events = c.seizure_events AND a.seizure_value_usd = c.seizure_value_usd "
                    + "AND abs(a.seizure_kg - c.seizure_kg) <= 1e-6 * greatest(abs(a.seizure_kg), abs(c.seizure_kg), 1e-9)";
            st.execute("CREATE VIEW j AS SELECT a.country_a IS NOT NULL AS in_a, c.country_a IS NOT NULL AS in_c, "
                    + "coalesce(" + equal + ", false) AS same, a.*, c.seizure_events AS c_events, c.seizure_kg AS c_kg, "
                    + "c.seizure_value_usd AS c_usd, c.country_a AS c_country_a, c.country_b AS c_country_b, "
                    + "c.sector AS c_sector, c.period_start AS c_period FROM a FULL OUTER JOIN c ON " + on);
            try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE in_a AND in_c AND same), "
                    + "count(*) FILTER (WHERE in_a AND in_c AND NOT same), count(*) FILTER (WHERE in_a AND NOT in_c), "
                    + "count(*) FILTER (WHERE in_c AND NOT in_a), (SELECT sum(seizure_events) FROM a), "
                    + "(SELECT sum(seizure_events) FROM c) FROM j")) {
                rs.next();
                long same = rs.getLong(1);
                long differ = rs.getLong(2);
                long onlyA = rs.getLong(3);
                long onlyC = rs.getLong(4);
                boolean agree = differ == 0 && onlyA == 0 && onlyC == 0;
                System.out.printf(Locale.ROOT, "(a) vs (c), seizure part of dyad_sector_period at month grain: %s "
                                + "(%d rows equal, %d differ, %d only in (a), %d only in (c); events %d vs %d)%n",
                        agree ? "AGREE" : "DISAGREE", same, differ, onlyA, onlyC, rs.getLong(5), rs.getLong(6));
                if (!agree) {
                    try (ResultSet ex = st.executeQuery("SELECT coalesce(country_a, c_country_a), coalesce(country_b, "
                            + "c_country_b), coalesce(sector, c_sector), coalesce(period_start, c_period), "
                            + "seizure_events, c_events, seizure_kg, c_kg, seizure_value_usd, c_usd FROM j "
                            + "WHERE NOT (in_a AND in_c AND same) ORDER BY 1, 2, 3, 4 LIMIT 10")) {
                        while (ex.next()) {
                            System.out.printf("  %s %s %s %s: events %s/%s kg %s/%s usd %s/%s (a/c)%n", ex.getString(1),
                                    ex.getString(2), ex.getString(3), ex.getString(4), ex.getString(5), ex.getString(6),
                                    ex.getString(7), ex.getString(8), ex.getString(9), ex.getString(10));
                        }
                    }
                }
            }
        }
    }

    static double median(List<Double> values) {
        List<Double> s = values.stream().sorted().collect(Collectors.toList());
        int n = s.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
