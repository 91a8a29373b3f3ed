package org.coopmetrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.coopmetrics.config.JobConfig;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.InputFiles;
import org.coopmetrics.ingest.Ledger;
import org.coopmetrics.ingest.RawRecordReader;
import org.coopmetrics.ingest.RecordParser;
import org.coopmetrics.ingest.Revisions;
import org.coopmetrics.metrics.AgreementStatus;
import org.coopmetrics.metrics.CountrySeizurePeriod;
import org.coopmetrics.metrics.DyadSectorPeriod;
import org.coopmetrics.metrics.Evidence;
import org.coopmetrics.metrics.Facts;
import org.coopmetrics.normalize.Agreements;
import org.coopmetrics.normalize.ReferenceData;
import org.coopmetrics.normalize.Seizures;
import org.coopmetrics.normalize.Statements;
import org.coopmetrics.report.Manifest;
import org.coopmetrics.report.Redaction;
import org.coopmetrics.report.ReportStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The job: reads the curated inputs, calls the pure transforms of each stage, writes and publishes. */
public final class CoopMetricsJob {
    private static final Logger LOG = LoggerFactory.getLogger(CoopMetricsJob.class);

    public static final List<String> REPORTS = List.of(
            "dyad_sector_period", "country_seizure_period", "agreement_status", "evidence", "quarantine");

    /** One dataset after normalisation: its files, its ledger (every row with its status), rows read. */
    public record Ingested(DatasetSpec spec, InputFiles.Listing listing, Dataset<Row> ledger, long read) {
        public Dataset<Row> accepted() {
            return ledger.filter(col(Ledger.STATUS).equalTo(Ledger.ACCEPTED));
        }

        public Dataset<Row> quarantined() {
            return ledger.filter(col(Ledger.STATUS).equalTo(Ledger.QUARANTINED))
                    .select("dataset", "source_file", "line", "record_id", Ledger.REASON, Ledger.DETAIL, "raw");
        }
    }

    private final SparkSession spark;
    private final JobConfig config;
    private final Configuration hadoopConf;
    private final String runId;
    private final Instant startedAt = Instant.now();

    public CoopMetricsJob(SparkSession spark, JobConfig config) {
        this.spark = spark;
        this.config = config;
        this.hadoopConf = spark.sparkContext().hadoopConfiguration();
        this.runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(startedAt)
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        spark.conf().set("spark.sql.session.timeZone", "UTC");
    }

    /** Parses and normalises every dataset; the ledgers are persisted since counts and reports reuse them. */
    public List<Ingested> ingest(ReferenceData ref) {
        InputFiles.checkRoot(config.input(), hadoopConf);
        List<Ingested> out = new ArrayList<>();
        for (DatasetSpec spec : DatasetSpec.values()) {
            InputFiles.Listing listing = InputFiles.list(config.input(), spec.id(), hadoopConf);
            if (listing.folderMissing() && !config.optionalDatasets().contains(spec.id())) {
                throw JobException.inputMissing("input folder " + new Path(config.input(), spec.id())
                        + " does not exist (mark the dataset optional in the config's optional_datasets to run without it)");
            }
            listing.ignored().forEach(f -> LOG.warn("ignoring {}: not a .jsonl or .csv file", f));
            RawRecordReader reader = new RawRecordReader(spec, config.maxRecordBytes(), hadoopConf);
            Dataset<Row> raw = reader.read(spark, listing.files());
            // Only the quarantine report shows raw text: other rows need not carry it in the cache.
            Dataset<Row> ledger = normalise(spec, Revisions.resolve(RecordParser.parse(raw, spec), spec), ref)
                    .withColumn("raw", when(col(Ledger.STATUS).equalTo(Ledger.QUARANTINED), col("raw")))
                    .drop(spec.unreported().toArray(String[]::new))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            // Counted apart from the ledger, so that the identity below proves no row went astray in between;
            // counting splits records as reading does but parses none.
            long read = reader.count(spark, listing.files());
            LOG.info("{}: {} rows read from {} files", spec.id(), read, listing.files().size());
            out.add(new Ingested(spec, listing, ledger, read));
        }
        return out;
    }

    private Dataset<Row> normalise(DatasetSpec spec, Dataset<Row> rows, ReferenceData ref) {
        return switch (spec) {
            case STATEMENTS -> Statements.normalise(rows, ref, config.asOf());
            case AGREEMENTS -> Agreements.normalise(rows, ref, config.asOf());
            case SEIZURES -> Seizures.normalise(spark, rows, ref, config.asOf());
        };
    }

    /**
     * Per dataset: read, accepted, quarantined, superseded, after_as_of, quarantined_by_reason. The datasets'
     * ledgers are built (and cached) concurrently.
     */
    public static Map<String, Object> account(List<Ingested> datasets) {
        List<Callable<Map<String, Object>>> tallies = new ArrayList<>();
        datasets.forEach(d -> tallies.add(() -> accountFor(d)));
        List<Map<String, Object>> each;
        try {
            each = concurrently(datasets.get(0).ledger().sparkSession(), tallies);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a tally reads the cache and the input; it writes nothing
        }
        Map<String, Object> all = new LinkedHashMap<>();
        for (int i = 0; i < datasets.size(); i++) {
            all.put(datasets.get(i).spec().id(), each.get(i));
        }
        return all;
    }

    /** One dataset's tally (see {@link #account}); throws when its rows do not add up to the rows read. */
    private static Map<String, Object> accountFor(Ingested d) {
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        // The watermark (latest valid recorded_at) comes with the tally: one pass over the ledger, not two.
        Dataset<Row> tally = d.ledger().groupBy(Ledger.STATUS, Ledger.REASON)
                .agg(count(lit(1)), max("recorded_at_ts"));
        Timestamp latest = null;
        for (Row r : tally.collectAsList()) { // small: one row per status and reason
            String status = r.getString(0);
            byStatus.merge(status == null ? "undecided" : status, r.getLong(2), Long::sum);
            if (!r.isNullAt(3) && (latest == null || r.getTimestamp(3).after(latest))) {
                latest = r.getTimestamp(3);
            }
            if (Ledger.QUARANTINED.equals(status)) {
                byReason.put(r.getString(1), r.getLong(2));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", d.read());
        long settled = 0;
        for (String s : List.of(Ledger.ACCEPTED, Ledger.QUARANTINED, Ledger.SUPERSEDED, Ledger.AFTER_AS_OF)) {
            long n = byStatus.getOrDefault(s, 0L);
            m.put(s, n);
            settled += n;
        }
        m.put("quarantined_by_reason", byReason);
        m.put("watermark", latest == null ? null : latest.toInstant().toString());
        m.put("files", d.listing().files().size());
        m.put("ignored_files", d.listing().ignored());
        if (settled != d.read() || byStatus.containsKey("undecided")) {
            throw new JobException(JobException.UNEXPECTED, "internal error: " + d.spec().id() + " read "
                    + d.read() + " rows but accounted for " + byStatus + "; please report this");
        }
        return m;
    }

    /**
     * Runs independent Spark actions from threads of their own, so that the slots one leaves idle (a stage with
     * fewer tasks than cores, the driver planning its next query) serve another. Results come in the order of
     * {@code actions}. When one fails, every running Spark job is cancelled and its exception is rethrown.
     */
    static <T> List<T> concurrently(SparkSession spark, List<Callable<T>> actions) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(actions.size(), r -> {
            Thread t = new Thread(r, "coopmetrics-action");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            actions.forEach(a -> futures.add(pool.submit(a)));
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    spark.sparkContext().cancelAllJobs();
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    spark.sparkContext().cancelAllJobs();
                    throw new JobException(JobException.UNEXPECTED, "interrupted while waiting for Spark", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The whole job. Returns the manifest; throws JobException(3) when the quality gate stops it. */
    public Manifest run() {
        ReferenceData ref = ReferenceData.load(config.referenceDir(), hadoopConf);
        ReportStore store = new ReportStore(config.output(), runId, hadoopConf);
        Manifest manifest = baseManifest(ref);
        List<Ingested> datasets = List.of();
        Map<String, Long> timings = new LinkedHashMap<>(); // wall ms per stage in turn, in the manifest (jobs/bench)
        long[] clock = {System.nanoTime()};
        try {
            store.recover();
            store.recordHistory(manifest); // status "running" until the run rewrites it: a killed run shows as such
            datasets = ingest(ref);
            lap(timings, "ingest", clock);
            Map<String, Object> counts = account(datasets);
            lap(timings, "normalise", clock);
            manifest.put("datasets", counts);

            Dataset<Row> quarantine = datasets.stream().map(Ingested::quarantined).reduce(Dataset::unionByName)
                    .orElseThrow();
            List<String> failing = gateFailures(counts);
            if (!failing.isEmpty()) {
                ReportStore.write(quarantine, new Path(store.staging(), "quarantine"));
                manifest.put("status", "failed_quality_gate").put("finished_at", Instant.now().toString())
                        .put("quality_gate", Map.of("max_quarantine_ratio", config.maxQuarantineRatio(),
                                "failed", failing))
                        .put("reports", Map.of())
                        .put("rejected", Redaction.path(store.rejected().toString()));
                store.reject("quarantine", manifest);
                store.recordHistory(manifest);
                throw new JobException(JobException.QUALITY_GATE, "quality gate failed: " + String.join("; ", failing)
                        + ". Nothing was published; quarantined rows and the manifest are in "
                        + Redaction.path(store.rejected().toString()));
            }

            Optional<IncrementalPlan> plan = Optional.empty();
            if (config.incremental()) {
                List<String> why = new ArrayList<>();
                plan = IncrementalPlan.plan(store.fs(), store.root(), config, datasets, ref.sources(), why);
                if (plan.isEmpty()) {
                    LOG.warn("--incremental: running in full instead, since {}", String.join("; ", why));
                    manifest.put("incremental_fallback", why);
                }
            }
            manifest.put("mode", plan.isPresent() ? "incremental" : "full");
            plan.ifPresent(p -> manifest.put("incremental", Map.of("previous_run", p.previousRun(),
                    "partitions_rewritten", p.partitions())));
            Map<String, List<String>> partial = plan.map(IncrementalPlan::partitions).orElse(Map.of());

            Dataset<Row> statements = datasets.get(0).accepted();
            Dataset<Row> agreements = datasets.get(1).accepted();
            Dataset<Row> seizures = datasets.get(2).accepted();
            // Partitioned by pair and sector, so each grain's aggregation and zero-filling need no shuffle.
            Dataset<Row> facts = Facts.build(statements, agreements, seizures, ref, config.asOf())
                    .repartition(col("country_a"), col("country_b"), col("sector"))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            // Fill the cache once: the grains' aggregations run concurrently and would each rebuild it.
            LOG.info("{} dated facts between country pairs", facts.count());
            lap(timings, "facts", clock);
            // The reports are independent: written concurrently, each timed on its own (the times overlap).
            Map<String, Callable<Map<String, Object>>> writes = new LinkedHashMap<>();
            writes.put("dyad_sector_period", () -> writePartitioned(store, "dyad_sector_period",
                    DyadSectorPeriod.compute(facts, config.grains(), config.asOf()), partial));
            writes.put("country_seizure_period", () -> writePartitioned(store, "country_seizure_period",
                    CountrySeizurePeriod.compute(seizures, config.grains()), partial));
            writes.put("agreement_status", () -> writeReport(store, "agreement_status",
                    AgreementStatus.compute(agreements, config.asOf())));
            writes.put("evidence", () -> writeReport(store, "evidence",
                    Evidence.compute(statements, agreements, seizures, config.asOf())));
            writes.put("quarantine", () -> writeReport(store, "quarantine", quarantine));
            List<Callable<Written>> timed = new ArrayList<>();
            writes.forEach((name, write) -> timed.add(() -> {
                long start = System.nanoTime();
                Map<String, Object> described = write.call();
                return new Written(name, described, (System.nanoTime() - start) / 1_000_000);
            }));
            Map<String, Object> reports = new LinkedHashMap<>();
            Map<String, Long> reportTimings = new LinkedHashMap<>();
            for (Written w : concurrently(spark, timed)) {
                reports.put(w.name(), w.described());
                reportTimings.put(w.name(), w.ms());
            }
            lap(timings, "reports", clock);
            facts.unpersist();

            manifest.put("timings_ms", timings);
            manifest.put("report_timings_ms", reportTimings);
            manifest.put("status", "succeeded").put("finished_at", Instant.now().toString()).put("reports", reports);
            store.publish(REPORTS, partial, manifest);
            store.recordHistory(manifest);
            LOG.info("run {} published to {}", runId, Redaction.path(store.root().toString()));
            return manifest;
        } catch (IOException e) {
            throw new JobException(JobException.UNEXPECTED, "cannot write to " + Redaction.path(config.output()) + ": "
                    + e.getMessage(), e);
        } finally {
            store.discardStaging();
            // The session may outlive the run (tests, notebooks, a driver running several jobs).
            datasets.forEach(d -> d.ledger().unpersist());
        }
    }

    /** Parses and normalises only; nothing is written. */
    public Manifest validate() {
        ReferenceData ref = ReferenceData.load(config.referenceDir(), hadoopConf);
        Manifest manifest = baseManifest(ref);
        List<Ingested> datasets = ingest(ref);
        try {
            return validate(manifest, datasets);
        } finally {
            datasets.forEach(d -> d.ledger().unpersist());
        }
    }

    @SuppressWarnings("unchecked")
    private Manifest validate(Manifest manifest, List<Ingested> datasets) {
        manifest.put("datasets", account(datasets));
        List<String> failing = gateFailures((Map<String, Object>) manifest.get("datasets"));
        manifest.put("status", failing.isEmpty() ? "valid" : "failed_quality_gate")
                .put("finished_at", Instant.now().toString());
        if (!failing.isEmpty()) {
            manifest.put("quality_gate", Map.of("max_quarantine_ratio", config.maxQuarantineRatio(),
                    "failed", failing));
        }
        List<String> examples = new ArrayList<>();
        for (Ingested d : datasets) {
            Dataset<Row> firstTen = d.quarantined().orderBy("source_file", "line").limit(10);
            for (Row r : firstTen.collectAsList()) { // small: at most ten rows for the console
                examples.add(r.getString(1) + ":" + (r.isNullAt(2) ? "?" : r.getLong(2)) + " " + r.getString(4)
                        + ": " + r.getString(5));
            }
        }
        manifest.put("quarantine_examples", examples);
        return manifest;
    }

    /** A report partitioned by grain and year: whole, or in an incremental run only the planned partitions. */
    private Map<String, Object> writePartitioned(ReportStore store, String name, Dataset<Row> report,
                                                 Map<String, List<String>> partial) throws IOException {
        List<String> partitions = partial.get(name);
        if (partitions == null) {
            return writeReport(store, name, report, "grain", "year");
        }
        Column planned = lit(false);
        for (String p : partitions) {
            String[] kv = p.split("/");
            planned = planned.or(col("grain").equalTo(kv[0].substring("grain=".length()))
                    .and(col("year").equalTo(Integer.parseInt(kv[1].substring("year=".length())))));
        }
        Path folder = new Path(store.staging(), name);
        LOG.info("writing {} partitions of {}", partitions.size(), name);
        ReportStore.write(report.filter(planned), folder, "grain", "year");
        Map<String, Object> described = store.describe(folder, 2);
        long kept = 0;
        Path published = store.published(name);
        if (store.fs().exists(published) && store.fs().globStatus(new Path(published, "*/*/*.parquet")).length > 0) {
            kept = spark.read().parquet(published.toString()).filter(planned.unary_$bang()).count();
        }
        described.put("rows", (Long) described.get("rows") + kept);
        described.put("partitions_rewritten", partitions.size());
        return described;
    }

    /** A report written to staging: what {@link ReportStore#describe} says of it, and the wall ms it took. */
    private record Written(String name, Map<String, Object> described, long ms) {
    }

    private Map<String, Object> writeReport(ReportStore store, String name, Dataset<Row> report,
                                            String... partitionBy) throws IOException {
        Path folder = new Path(store.staging(), name);
        LOG.info("writing {}", name);
        ReportStore.write(report, folder, partitionBy);
        return store.describe(folder, partitionBy.length);
    }

    /** Records the wall time since the last lap under {@code stage}. */
    private static void lap(Map<String, Long> timings, String stage, long[] clock) {
        long now = System.nanoTime();
        timings.put(stage, (now - clock[0]) / 1_000_000);
        clock[0] = now;
    }

    @SuppressWarnings("unchecked")
    private List<String> gateFailures(Map<String, Object> counts) {
        List<String> failing = new ArrayList<>();
        counts.forEach((dataset, value) -> {
            Map<String, Object> m = (Map<String, Object>) value;
            long read = (Long) m.get("read");
            long quarantined = (Long) m.get(Ledger.QUARANTINED);
            if (read > 0 && (double) quarantined / read > config.maxQuarantineRatio()) {
                failing.add(String.format(java.util.Locale.ROOT, "%s: %d of %d rows quarantined (%.1f%% > %.1f%%)",
                        dataset, quarantined, read, 100.0 * quarantined / read, 100.0 * config.maxQuarantineRatio()));
            }
        });
        return failing;
    }

    private Manifest baseManifest(ReferenceData ref) {
        return new Manifest()
                .put("run_id", runId)
                .put("status", "running")
                .put("as_of", config.asOf().toString())
                .put("started_at", startedAt.toString())
                .put("finished_at", null)
                .put("app_version", Version.get())
                .put("spark_version", spark.version())
                .put("config", config.describe())
                .put("spark_conf", Redaction.sparkConf(spark))
                .put("reference", ref.sources());
    }
}
