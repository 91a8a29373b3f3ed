package org.coopmetrics.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.coopmetrics.JobException;
import org.coopmetrics.Version;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.normalize.ReferenceData;

/**
 * Writes synthetic curated inputs for tests and benchmarks: {@code statements/}, {@code agreements/} and
 * {@code seizures/} in JSON Lines and CSV, on request GDELT 2.0 event export files ({@code events/}, see
 * {@link EventFileGenerator}), a reference FX table covering the generated years
 * ({@code reference/fx_rates.csv}, for {@code --reference-dir}), and {@code _generator.json} (last) with
 * what a run as of {@value #AS_OF} or later must report: rows read, superseded and quarantined by reason.
 *
 * <p>About 45% statements, 5% agreements and 50% seizures; a Zipf-like skew over country pairs and sectors;
 * 1-3 sectors per row; about 2% revision rows and 0.5% rows spoilt for one quarantine reason each. The
 * same seed, rows and files give byte-identical files whatever the number of threads: each file has its
 * own random stream. Files are written through Hadoop's FileSystem, so any Hadoop path works.
 */
public final class Generator {
    public static final String DESCRIPTION = "_generator.json";
    public static final String REFERENCE = "reference";
    /** The generated records are dated up to this day: counts hold for runs as of it or later. */
    public static final String AS_OF = "2025-12-31";
    /** Changes whenever the same settings would give other files (caches of generated data compare it). */
    public static final int FORMAT = 2;
    static final double[] SHARES = {0.45, 0.05, 0.50};

    /** Default shares of records spoilt for a quarantine reason, and of records revised. */
    public static final double BAD_SHARE = 0.005;
    public static final double REVISION_SHARE = 0.02;

    /**
     * @param threads files written at once (0: one per core); the files do not depend on it
     * @param overwrite replace generated data already in {@code out} (only what the generator writes)
     * @param badShare share of records spoilt on purpose (tests raise it to see every reason in few rows)
     * @param revisionShare share of records written twice, the second time revised
     * @param events GDELT event rows to write under {@code events/} (0: none, and no {@code events/} folder)
     * @param eventsZipped share of the event files written zipped, as GDELT publishes them (0 to 1)
     */
    public record Settings(String out, long rows, long seed, int files, int threads, boolean overwrite,
                           double badShare, double revisionShare, long events, double eventsZipped) {
        public Settings(String out, long rows, long seed, int files, int threads, boolean overwrite) {
            this(out, rows, seed, files, threads, overwrite, BAD_SHARE, REVISION_SHARE);
        }

        public Settings(String out, long rows, long seed, int files, int threads, boolean overwrite,
                        double badShare, double revisionShare) {
            this(out, rows, seed, files, threads, overwrite, badShare, revisionShare, 0, 0);
        }
    }

    /** The folder of the generated GDELT event files (contract section 6). */
    public static final String EVENTS = "events";

    /** Where the data went, what {@code _generator.json} says, how long it took and how many bytes. */
    public record Result(String root, Map<String, Object> description, long millis, long bytes) {
    }

    private Generator() {
    }

    public static Result generate(Settings settings, Configuration conf) {
        if (settings.rows() < 0) {
            throw JobException.usage("--rows must be 0 or more, got " + settings.rows());
        }
        if (!(settings.badShare() >= 0 && settings.revisionShare() >= 0
                && settings.badShare() + settings.revisionShare() <= 1)) {
            throw new IllegalArgumentException("shares must be between 0 and 1 together");
        }
        if (settings.files() < 1 || settings.files() > 10_000) {
            throw JobException.usage("--files must be between 1 and 10000, got " + settings.files());
        }
        if (settings.events() < 0) {
            throw JobException.usage("--events must be 0 or more, got " + settings.events());
        }
        if (!(settings.eventsZipped() >= 0 && settings.eventsZipped() <= 1)) {
            throw JobException.usage("--events-zipped must be a share between 0 and 1, got " + settings.eventsZipped());
        }
        long start = System.nanoTime();
        Path root = new Path(settings.out());
        // A private FileSystem instance: no .crc side files, and the shared cached one stays as it was.
        try (FileSystem fs = FileSystem.newInstance(root.toUri(), conf)) {
            fs.setWriteChecksum(false);
            root = fs.makeQualified(root);
            prepare(fs, root, settings.overwrite());

            Vocabulary vocabulary = new Vocabulary(settings.seed());
            Maker[] makers = {new StatementMaker(vocabulary), new AgreementMaker(vocabulary),
                    new SeizureMaker(vocabulary)};
            long[] rows = split(settings.rows());
            List<List<FileGenerator>> tasks = new ArrayList<>();
            List<List<String>> names = new ArrayList<>();
            for (DatasetSpec spec : DatasetSpec.CURATED) {
                Path folder = new Path(root, spec.id());
                fs.mkdirs(folder);
                List<FileGenerator> perFile = new ArrayList<>();
                List<String> fileNames = new ArrayList<>();
                long total = rows[spec.ordinal()];
                int files = (int) Math.max(1, Math.min(settings.files(), total));
                for (int f = 0; f < files && total > 0; f++) {
                    long n = total / files + (f < total % files ? 1 : 0);
                    // Formats alternate by file, starting differently per dataset: JSON Lines and CSV in each.
                    String ext = (f + spec.ordinal()) % 2 == 0 ? ".jsonl" : ".csv";
                    String name = String.format(Locale.ROOT, "%s-%03d%s", spec.id(), f, ext);
                    perFile.add(new FileGenerator(makers[spec.ordinal()], fs, new Path(folder, name), n,
                            settings, f));
                    fileNames.add(name);
                }
                tasks.add(perFile);
                names.add(fileNames);
            }
            EventBatches batches = null;
            EventVocabulary eventVocabulary = null;
            List<EventFileGenerator> eventTasks = new ArrayList<>();
            if (settings.events() > 0) {
                // The country codes and sectors of the bundled tables, as a run that reads events uses them.
                eventVocabulary = new EventVocabulary(ReferenceData.load(null, conf));
                batches = new EventBatches(settings.events(), settings.files(), settings.seed(),
                        settings.eventsZipped());
                Path folder = new Path(root, EVENTS);
                fs.mkdirs(folder);
                for (int f = 0; f < batches.count; f++) {
                    eventTasks.add(new EventFileGenerator(eventVocabulary, fs, folder, batches, f, settings));
                }
            }
            List<EventStats> eventStats = new ArrayList<>();
            List<FileStats> stats = run(tasks, eventTasks, eventStats, settings.threads());
            writeFx(fs, new Path(new Path(root, REFERENCE), "fx_rates.csv"), settings.seed());

            Map<String, Object> description = describe(settings, stats, names, vocabulary);
            long bytesWritten = stats.stream().mapToLong(s -> s.bytes).sum();
            if (batches != null) {
                EventStats events = EventStats.settle(eventStats, eventVocabulary.sectors.size());
                @SuppressWarnings("unchecked")
                Map<String, Object> datasets = (Map<String, Object>) description.get("datasets");
                datasets.put(EVENTS, describeEvents(batches, events, eventVocabulary));
                bytesWritten += events.bytes;
            }
            byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(description);
            try (OutputStream out = fs.create(new Path(root, DESCRIPTION), true)) {
                out.write(json);
                out.write('\n');
            }
            return new Result(root.toString(), description, (System.nanoTime() - start) / 1_000_000, bytesWritten);
        } catch (IOException e) {
            throw new JobException(JobException.UNEXPECTED, "cannot write to " + settings.out() + ": " + e.getMessage(),
                    e);
        }
    }

    /** Rows per dataset: 45% statements, 5% agreements, the rest seizures. */
    static long[] split(long rows) {
        long statements = Math.round(rows * SHARES[0]);
        long agreements = Math.round(rows * SHARES[1]);
        return new long[] {statements, agreements, rows - statements - agreements};
    }

    /** The folder must be new or empty, unless generated data in it may be replaced. */
    private static void prepare(FileSystem fs, Path root, boolean overwrite) throws IOException {
        if (!fs.exists(root)) {
            fs.mkdirs(root);
            return;
        }
        if (!fs.getFileStatus(root).isDirectory()) {
            throw JobException.usage("--out " + root + " is a file; give a folder");
        }
        FileStatus[] inside = fs.listStatus(root);
        if (inside.length == 0) {
            return;
        }
        if (!overwrite) {
            throw JobException.usage("--out " + root + " is not empty; give a new folder, or --overwrite to replace "
                    + "generated data in it");
        }
        fs.delete(new Path(root, DESCRIPTION), false); // first: a half-replaced folder never looks complete
        for (String name : List.of("statements", "agreements", "seizures", EVENTS, REFERENCE)) {
            fs.delete(new Path(root, name), true);
        }
    }

    /**
     * Runs the file tasks on a pool, event files first, then the largest dataset first; results keep the tasks'
     * order (the event files' in {@code eventStats}).
     */
    private static List<FileStats> run(List<List<FileGenerator>> tasks, List<EventFileGenerator> eventTasks,
                                       List<EventStats> eventStats, int threads) throws IOException {
        int pool = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        ExecutorService executor = Executors.newFixedThreadPool(pool, r -> {
            Thread t = new Thread(r, "coopmetrics-generate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<EventStats>> events = new ArrayList<>();
            for (EventFileGenerator task : eventTasks) {
                events.add(executor.submit(task));
            }
            Future<?>[][] futures = new Future<?>[tasks.size()][];
            for (int d : new int[] {2, 0, 1}) {
                futures[d] = new Future<?>[tasks.get(d).size()];
                for (int f = 0; f < tasks.get(d).size(); f++) {
                    futures[d][f] = executor.submit(tasks.get(d).get(f));
                }
            }
            List<FileStats> perDataset = new ArrayList<>();
            for (Future<?>[] dataset : futures) {
                FileStats merged = new FileStats();
                for (Future<?> f : dataset) {
                    merged.add((FileStats) f.get());
                }
                perDataset.add(merged);
            }
            for (Future<EventStats> f : events) {
                eventStats.add(f.get());
            }
            return perDataset;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("generator failed", e.getCause());
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Monthly rates from the first generated month for the generated currencies: a seeded random walk from
     * 2018 levels (the bundled table starts in 2024). Given to a run as {@code --reference-dir}, it replaces
     * the bundled fx_rates.csv only; the other tables stay bundled.
     */
    private static void writeFx(FileSystem fs, Path file, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(mix(seed, 0xF0));
        String[] currencies = Vocabulary.CURRENCIES;
        double[] rate = Vocabulary.USD_PER_UNIT_2018.clone();
        StringBuilder csv = new StringBuilder("date,currency,usd_per_unit\n");
        MathContext six = new MathContext(6);
        for (LocalDate month = Vocabulary.FIRST_DAY; !month.isAfter(Vocabulary.LAST_DAY); month = month.plusMonths(1)) {
            for (int c = 0; c < currencies.length; c++) {
                if (c > 0) {
                    // up to ±3% a month, the emerging-market currencies drifting down
                    double drift = c >= 2 ? -0.004 : 0.0;
                    rate[c] *= 1 + drift + 0.06 * (r.nextDouble() - 0.5);
                }
                csv.append(month).append(',').append(currencies[c]).append(',')
                        .append(new BigDecimal(rate[c]).round(six).stripTrailingZeros().toPlainString()).append('\n');
            }
        }
        try (OutputStream out = fs.create(file, true)) {
            out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Map<String, Object> describe(Settings settings, List<FileStats> stats, List<List<String>> names,
                                                Vocabulary vocabulary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "coopmetrics generate");
        m.put("generator_format", FORMAT);
        m.put("app_version", Version.get());
        m.put("seed", settings.seed());
        m.put("rows", settings.rows());
        m.put("files_per_dataset", settings.files());
        m.put("bad_share", settings.badShare());
        m.put("revision_share", settings.revisionShare());
        m.put("first_date", Vocabulary.FIRST_DAY.toString());
        m.put("last_date", Vocabulary.LAST_DAY.toString());
        m.put("expected_as_of", AS_OF);
        m.put("reference_dir", REFERENCE);
        m.put("currencies", List.of(Vocabulary.CURRENCIES));
        Map<String, Object> skew = new LinkedHashMap<>();
        skew.put("country_pairs", vocabulary.pairs.length);
        skew.put("top_10_pairs_share", round(vocabulary.pairRank.headShare(10)));
        skew.put("top_3_sectors_share", round(vocabulary.sectorRank.headShare(3)));
        m.put("skew", skew);
        Map<String, Object> datasets = new LinkedHashMap<>();
        for (DatasetSpec spec : DatasetSpec.CURATED) {
            FileStats s = stats.get(spec.ordinal());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("rows", s.rows);
            d.put("bytes", s.bytes);
            d.put("files", names.get(spec.ordinal()));
            d.put("revision_rows", s.revisionRows);
            d.put("bad_rows", s.badRows());
            d.put("bad_rows_by_reason", new TreeMap<>(s.badByReason));
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("read", s.rows);
            expected.put("accepted", s.rows - s.revisionRows - s.badRows());
            expected.put("quarantined", s.badRows());
            expected.put("superseded", s.revisionRows);
            expected.put("after_as_of", 0L);
            expected.put("quarantined_by_reason", new TreeMap<>(s.badByReason));
            d.put("expected", expected);
            datasets.put(spec.id(), d);
        }
        m.put("datasets", datasets);
        return m;
    }

    /** datasets.events of _generator.json: the files, the rows spoilt on purpose, and the contract's buckets. */
    private static Map<String, Object> describeEvents(EventBatches batches, EventStats s, EventVocabulary vocabulary) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("rows", s.rows);
        d.put("bytes", s.bytes);
        d.put("files", List.of(batches.names));
        d.put("zipped_files", batches.zippedFiles());
        d.put("repeated_id_rows", s.repeatedRows);
        d.put("bad_rows", s.quarantinedRows());
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (int k = 1; k < EventRow.SPOILT.length; k++) {
            byKind.put(EventRow.SPOILT[k], s.spoilt[k]);
        }
        d.put("bad_rows_by_kind", byKind);
        d.put("expected_events_min_mentions", EventFileGenerator.MIN_MENTIONS);
        d.put("expected", s.expected(vocabulary.sectors));
        return d;
    }

    private static double round(double share) {
        return Math.round(share * 1000) / 1000.0;
    }

    /** Parses a row count: 3000, 100k, 1M, 2.5M, 1G (k = 1,000). */
    public static long parseCount(String text) {
        String t = text.trim().replace("_", "").toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k")) {
            unit = 1_000;
        } else if (t.endsWith("m")) {
            unit = 1_000_000;
        } else if (t.endsWith("g") || t.endsWith("b")) {
            unit = 1_000_000_000;
        }
        if (unit > 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            BigDecimal n = new BigDecimal(t).multiply(BigDecimal.valueOf(unit));
            if (n.signum() < 0 || n.stripTrailingZeros().scale() > 0) {
                throw new NumberFormatException();
            }
            return n.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw JobException.usage("'" + text + "' is not a row count like 3000, 100k, 1M or 10M");
        }
    }

    /** A 64-bit seed from several parts (SplitMix64's finaliser over a running hash). */
    static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h = fmix(h ^ fmix(p + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    private static long fmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
