package org.coopmetrics;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.coopmetrics.config.JobConfig;
import org.coopmetrics.incremental.IncrementalPlan;
import org.coopmetrics.incremental.IncrementalPlanning;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.Ingest;
import org.coopmetrics.ingest.Ingested;
import org.coopmetrics.ingest.InputFiles;
import org.coopmetrics.metrics.Reports;
import org.coopmetrics.normalize.Canon;
import org.coopmetrics.normalize.CanonicalRows;
import org.coopmetrics.normalize.EventRows;
import org.coopmetrics.normalize.EventRules;
import org.coopmetrics.normalize.Normalise;
import org.coopmetrics.normalize.ReferenceData;
import org.coopmetrics.quality.DatasetTally;
import org.coopmetrics.quality.QualityGate;
import org.coopmetrics.quality.Tallies;
import org.coopmetrics.report.Manifest;
import org.coopmetrics.report.Redaction;
import org.coopmetrics.report.ReportStore;
import org.coopmetrics.report.ReportWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job, step by step: list and read the curated inputs and the GDELT events, normalise them, account for every
 * row, hold the quality gate, compute the reports, write them to staging and publish. Each step belongs to its
 * stage's package.
 */
public final class CoopMetricsJob {
    private static final Logger LOG = LoggerFactory.getLogger(CoopMetricsJob.class);

    public static final List<String> REPORTS = Reports.NAMES;

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
        // The canonical rows are cached once and read a few times; compressing the cache (dictionary and
        // run-length statistics over every column of every row) cost more than the smaller cache saved:
        // 1M rows 67.1 s against 76.9 s, 10M even (docs/performance.md).
        spark.conf().set("spark.sql.inMemoryColumnarStorage.compressed", "false");
    }

    /**
     * Lists, reads and normalises every dataset: the curated ones in {@link DatasetSpec#CURATED} order, then the
     * events (none when their folder is missing). Each ledger is cached when first used.
     */
    public List<Ingested> ingest(ReferenceData ref) {
        InputFiles.checkRoot(config.input(), hadoopConf);
        Broadcast<Canon> canon = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(Canon.of(ref, config.asOf()));
        List<Ingested> datasets = new ArrayList<>();
        for (DatasetSpec spec : DatasetSpec.CURATED) {
            InputFiles.Listing listing = Ingest.list(config, spec, hadoopConf);
            datasets.add(Normalise.ledger(Ingest.read(spark, config, spec, listing,
                    new CanonicalRows(spec, canon, listing.files()))));
        }
        InputFiles.Listing events = Ingest.list(config, DatasetSpec.EVENTS, hadoopConf);
        // The event tables are checked (against countries and sectors) only by a run that reads events: a
        // replacement sectors.csv never stops a run without them. No rules are needed to read no files.
        EventRules rules = events.files().isEmpty() ? null : new EventRules(ref.cameoCountries(), ref.eventSectors(),
                config.asOf(), config.eventsMinMentions());
        datasets.add(Normalise.events(Ingest.read(spark, config, DatasetSpec.EVENTS, events,
                new EventRows(rules, events.files()))));
        return datasets;
    }

    /** The whole job. Returns the manifest; throws JobException(3) when the quality gate stops it. */
    public Manifest run() {
        ReferenceData ref = ReferenceData.load(config.referenceDir(), hadoopConf);
        ReportStore store = new ReportStore(config.output(), runId, hadoopConf);
        Manifest manifest = started(ref);
        List<Ingested> datasets = List.of();
        Stopwatch stages = new Stopwatch();
        try (JobGroup jobs = new JobGroup(spark.sparkContext(), runId)) {
            store.recover();
            store.recordHistory(manifest); // status "running" until the run rewrites it: a killed run shows as such
            jobs.stage("reading");
            datasets = ingest(ref);
            stages.lap("ingest");
            manifest = manifest.withDatasets(Tallies.account(datasets, jobs));
            stages.lap("normalise");
            Dataset<Row> quarantine = datasets.stream().map(Ingested::quarantined).reduce(Dataset::unionByName)
                    .orElseThrow();
            QualityGate gate = QualityGate.check(manifest.datasets(), config.maxQuarantineRatio());
            if (!gate.passed()) {
                jobs.stage("writing the rejected run's quarantine");
                throw reject(store, manifest, gate, quarantine);
            }

            jobs.stage("planning");
            List<String> fallback = new ArrayList<>();
            IncrementalPlan plan = config.incremental()
                    ? IncrementalPlanning.plan(store, config, datasets, ref.sources(), fallback) : null;
            if (config.incremental() && plan == null) {
                LOG.warn("--incremental: running in full instead, since {}", String.join("; ", fallback));
            }

            jobs.stage("building facts");
            Reports reports = Reports.compute(datasets.get(0).accepted(), datasets.get(1).accepted(),
                    datasets.get(2).accepted(), datasets.get(3).accepted(), quarantine, ref, config.grains(),
                    config.asOf());
            stages.lap("facts");
            ReportWriter.Written written = new ReportWriter(store, Reports.PARTITIONED)
                    .writeAll(reports.byName(), plan == null ? Map.of() : plan.partitions(), jobs);
            stages.lap("reports");

            manifest = manifest.succeeded(plan == null ? "full" : "incremental", fallback.isEmpty() ? null : fallback,
                    plan == null ? null : new Manifest.Incremental(plan.previousRun(), plan.partitions()),
                    stages.laps(), written.timingsMs(), written.reports());
            store.publish(REPORTS, plan == null ? Map.of() : plan.partitions(), manifest);
            store.recordHistory(manifest);
            LOG.info("run {} published to {}", runId, Redaction.path(store.root().toString()));
            return manifest;
        } catch (IOException e) {
            throw new JobException(JobException.UNEXPECTED, "cannot write to " + Redaction.path(config.output()) + ": "
                    + e.getMessage(), e);
        } finally {
            store.discardStaging();
            // The session may outlive the run (tests, notebooks, a driver running several jobs).
            datasets.forEach(Ingested::unpersist);
        }
    }

    /** Keeps the quarantine and the manifest for the curators; publishes nothing. */
    private JobException reject(ReportStore store, Manifest manifest, QualityGate gate, Dataset<Row> quarantine)
            throws IOException {
        ReportStore.write(quarantine, new Path(store.staging(), "quarantine"));
        String where = Redaction.path(store.rejected().toString());
        Manifest rejected = manifest.rejected(gate, where);
        store.reject("quarantine", rejected);
        store.recordHistory(rejected);
        return new JobException(JobException.QUALITY_GATE, "quality gate failed: " + String.join("; ", gate.failed())
                + ". Nothing was published; quarantined rows and the manifest are in " + where);
    }

    /** Parses, normalises and accounts only; nothing is written. */
    public Manifest validate() {
        ReferenceData ref = ReferenceData.load(config.referenceDir(), hadoopConf);
        List<Ingested> datasets = List.of();
        try (JobGroup jobs = new JobGroup(spark.sparkContext(), runId)) {
            jobs.stage("reading");
            datasets = ingest(ref);
            Map<String, DatasetTally> tallies = Tallies.account(datasets, jobs);
            jobs.stage("listing quarantine examples");
            List<String> examples = new ArrayList<>();
            for (Ingested d : datasets) {
                for (Row r : d.quarantined().orderBy("source_file", "line").limit(10).collectAsList()) { // small: ten
                    examples.add(r.getString(1) + ":" + (r.isNullAt(2) ? "?" : r.getLong(2)) + " " + r.getString(4)
                            + ": " + r.getString(5));
                }
            }
            return started(ref).withDatasets(tallies)
                    .validated(QualityGate.check(tallies, config.maxQuarantineRatio()), examples);
        } finally {
            datasets.forEach(Ingested::unpersist);
        }
    }

    private Manifest started(ReferenceData ref) {
        return Manifest.running(runId, config, startedAt, Version.get(), spark.version(), Redaction.sparkConf(spark),
                ref.sources());
    }

    /** Wall ms per stage in turn, for the manifest's {@code timings_ms} (jobs/bench reads them). */
    private static final class Stopwatch {
        private final Map<String, Long> laps = new LinkedHashMap<>();
        private long last = System.nanoTime();

        void lap(String stage) {
            long now = System.nanoTime();
            laps.put(stage, (now - last) / 1_000_000);
            last = now;
        }

        Map<String, Long> laps() {
            return laps;
        }
    }
}
