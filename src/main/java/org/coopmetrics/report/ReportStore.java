package org.coopmetrics.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.coopmetrics.JobException;

/**
 * The output folder. Reports are written to {@code _staging/<run>/} and only moved into place once every
 * one of them is complete; the manifest goes last. A failed run leaves the published reports as they were.
 *
 * <pre>
 * &lt;output&gt;/&lt;report&gt;/...            published reports
 * &lt;output&gt;/_manifest.json          manifest of the published run (status succeeded)
 * &lt;output&gt;/_runs/&lt;run&gt;.json         every run's manifest, succeeded or not
 * &lt;output&gt;/_rejected/&lt;run&gt;/        quarantine and manifest of a run stopped by the quality gate
 * &lt;output&gt;/_staging/&lt;run&gt;/         a run in progress (removed when it ends)
 * </pre>
 *
 * <p>Each published report folder holds {@code _coopmetrics_run} with the id of the run that wrote it; it
 * matches {@code run_id} in {@code _manifest.json}. Concurrent runs on one output folder are not supported
 * ({@code jobs/nightly} takes a lock).
 * <pre>
 * </pre>
 */
public final class ReportStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReportStore.class);
    public static final String MANIFEST = "_manifest.json";

    private final FileSystem fs;
    private final Path root;
    private final String runId;

    public ReportStore(String output, String runId, Configuration conf) {
        this.root = new Path(output);
        this.runId = runId;
        try {
            this.fs = root.getFileSystem(conf);
            if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
                throw JobException.usage("--output " + output + " is an existing file; give a folder");
            }
            fs.mkdirs(root);
        } catch (IOException e) {
            throw JobException.usage("--output " + output + " cannot be used: " + e.getMessage());
        }
    }

    public FileSystem fs() {
        return fs;
    }

    public Path root() {
        return root;
    }

    public Path staging() {
        return new Path(root, "_staging/" + runId);
    }

    public Path rejected() {
        return new Path(root, "_rejected/" + runId);
    }

    public Path history() {
        return new Path(root, "_runs/" + runId + ".json");
    }

    public Path published(String report) {
        return new Path(root, report);
    }

    /** Writes one report as Parquet under {@code folder}, replacing whatever a failed attempt left there. */
    public static void write(Dataset<Row> report, Path folder, String... partitionBy) {
        report.write().mode(SaveMode.Overwrite).partitionBy(partitionBy).parquet(folder.toString());
    }

    /**
     * Rows and partition folders of a written report, read back from its Parquet files: the row counts of
     * their footers, summed on the driver (a Spark job per report cost more than the small reports themselves).
     * One set of read options serves every footer: parquet's default builds a Hadoop Configuration per file,
     * parsing its XML each time. Files are listed with listStatus, not listFiles, whose block locations make
     * the local file system start an {@code ls -ld} per file for its permissions.
     */
    public Manifest.ReportSummary describe(Path folder, int partitionDepth) throws IOException {
        ParquetReadOptions options = HadoopReadOptions.builder(fs.getConf()).build();
        long rows = 0;
        for (FileStatus file : parquetFiles(folder)) {
            try (ParquetFileReader footer = ParquetFileReader.open(
                    HadoopInputFile.fromStatus(file, fs.getConf()), options)) {
                rows += footer.getRecordCount();
            }
        }
        String glob = partitionDepth == 0 ? "" : "/*".repeat(partitionDepth);
        FileStatus[] parts = partitionDepth == 0 ? new FileStatus[0]
                : fs.globStatus(new Path(folder.toString() + glob), p -> !p.getName().startsWith("_")
                        && !p.getName().startsWith("."));
        return new Manifest.ReportSummary(rows, parts == null ? 0 : parts.length, null);
    }

    private List<FileStatus> parquetFiles(Path folder) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        for (FileStatus s : fs.listStatus(folder)) {
            if (s.isDirectory()) {
                files.addAll(parquetFiles(s.getPath()));
            } else if (s.getPath().getName().endsWith(".parquet")) {
                files.add(s);
            }
        }
        return files;
    }

    /** The published run's manifest, or null when nothing is published yet. */
    public Manifest publishedManifest() throws IOException {
        Path path = new Path(root, MANIFEST);
        return fs.exists(path) ? Manifest.read(fs, path) : null;
    }

    /** The file in each published report folder naming the run that wrote it (readers match it to the manifest). */
    public static final String RUN_MARKER = "_coopmetrics_run";
    /** Present in a staging folder once every report is complete and publication has begun. */
    static final String PUBLISHING = "_PUBLISHING";

    /**
     * Moves every staged report into place, then writes the manifest. Before the first move, the staging folder
     * is marked as complete; should the process die among the moves, {@link #recover} finishes them next time.
     */
    public void publish(List<String> reports, Manifest manifest) throws IOException {
        publish(reports, Map.of(), manifest);
    }

    /**
     * As above, but the reports named in {@code partial} replace only the listed partition folders
     * (e.g. {@code grain=month/year=2025}); a listed partition the run did not write is removed.
     */
    public void publish(List<String> reports, Map<String, List<Partition>> partial, Manifest manifest)
            throws IOException {
        List<Move> journal = new ArrayList<>();
        for (String report : reports) {
            if (partial.containsKey(report)) {
                for (Partition partition : partial.get(report)) {
                    journal.add(new Move(report, partition));
                    fs.mkdirs(new Path(staging(), journal.get(journal.size() - 1).folder())); // written or empty
                }
            } else {
                journal.add(new Move(report, null));
                writeText(new Path(new Path(staging(), report), RUN_MARKER), runId);
            }
        }
        manifest.write(fs, new Path(staging(), MANIFEST));
        writeText(new Path(staging(), PUBLISHING), String.join("\n", journal.stream().map(Move::line).toList()));
        rollForward(staging(), journal);
    }

    /**
     * Completes a publication that a killed run left half done (its staging folder carries the publishing mark),
     * and removes staging folders of runs that died before publishing.
     */
    public void recover() throws IOException {
        Path all = new Path(root, "_staging");
        if (!fs.exists(all)) {
            return;
        }
        for (FileStatus st : fs.listStatus(all)) {
            Path folder = st.getPath();
            if (folder.getName().equals(runId)) {
                continue;
            }
            Path mark = new Path(folder, PUBLISHING);
            if (fs.exists(mark)) {
                List<Move> journal = new ArrayList<>();
                for (String line : readText(mark).split("\n")) {
                    if (!line.isEmpty()) {
                        journal.add(Move.parse(line));
                    }
                }
                LOG.warn("completing the publication of run {}, interrupted earlier", folder.getName());
                rollForward(folder, journal);
            } else {
                LOG.warn("removing {}: a run that stopped before publishing", folder);
                fs.delete(folder, true);
            }
        }
        if (fs.listStatus(all).length == 0) {
            fs.delete(all, false);
        }
    }

    /**
     * One entry of the publication journal: a whole report, or one partition of it. A line each in the
     * publishing mark: {@code report} or {@code report<TAB>grain=month/year=2025}.
     */
    record Move(String report, Partition partition) {
        /** The folder, relative to the staging folder and to the output root. */
        String folder() {
            return partition == null ? report : report + "/" + partition.path();
        }

        String line() {
            return partition == null ? report : report + "\t" + partition.path();
        }

        static Move parse(String line) {
            String[] parts = line.split("\t");
            return new Move(parts[0], parts.length == 1 ? null : Partition.parse(parts[1]));
        }
    }

    private void rollForward(Path staged, List<Move> journal) throws IOException {
        Path replaced = new Path(staged, "_replaced");
        fs.mkdirs(replaced);
        Path published = new Path(root, MANIFEST);
        // Without a manifest the folder reads as "not published" while reports are swapped.
        if (fs.exists(published)) {
            fs.delete(new Path(replaced, MANIFEST), false);
            rename(published, new Path(replaced, MANIFEST));
        }
        // Each entry moves from staging into place once: a staged folder exists until it has moved, so a
        // roll-forward after an interruption skips what is done and finishes the rest.
        java.util.Set<String> partialReports = new java.util.TreeSet<>();
        for (Move move : journal) {
            String rel = move.folder();
            if (move.partition() != null) {
                partialReports.add(move.report());
            }
            Path from = new Path(staged, rel);
            if (!fs.exists(from)) {
                continue;
            }
            Path target = new Path(root, rel);
            Path old = new Path(replaced, rel);
            if (fs.exists(target) && !fs.exists(old)) {
                fs.mkdirs(old.getParent());
                rename(target, old);
            }
            fs.mkdirs(target.getParent());
            rename(from, target);
            if (fs.listStatus(target).length == 0) {
                fs.delete(target, false); // a partition this run found empty: removed
            }
        }
        for (String report : partialReports) {
            writeText(new Path(new Path(root, report), RUN_MARKER), staged.getName());
        }
        Path tmp = new Path(root, "." + MANIFEST + ".tmp");
        fs.delete(tmp, false);
        rename(new Path(staged, MANIFEST), tmp);
        rename(tmp, published);
        fs.delete(staged, true);
        Path parent = staged.getParent();
        if (fs.exists(parent) && fs.listStatus(parent).length == 0) {
            fs.delete(parent, false);
        }
    }

    private void writeText(Path path, String text) throws IOException {
        try (java.io.OutputStream out = fs.create(path, true)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private String readText(Path path) throws IOException {
        try (java.io.InputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Keeps what a user needs after a run stopped by the quality gate: its quarantine, then its manifest. */
    public void reject(String quarantine, Manifest manifest) throws IOException {
        fs.mkdirs(rejected());
        rename(new Path(staging(), quarantine), new Path(rejected(), quarantine));
        manifest.write(fs, new Path(rejected(), MANIFEST));
        fs.delete(staging(), true);
    }

    public void recordHistory(Manifest manifest) throws IOException {
        fs.mkdirs(history().getParent());
        manifest.write(fs, history());
    }

    public void discardStaging() {
        try {
            // A publication under way is finished by the next run, not thrown away.
            if (!fs.exists(new Path(staging(), PUBLISHING))) {
                fs.delete(staging(), true);
            }
        } catch (IOException ignored) {
            // best effort: a later run overwrites nothing of this one
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }
}
