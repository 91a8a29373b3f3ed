package org.coopmetrics.report;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
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
 */
public final class ReportStore {
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

    /** Rows and partition folders of a written report, read back from its Parquet files. */
    public Map<String, Object> describe(SparkSession spark, Path folder, int partitionDepth) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        // A partitioned write of no rows leaves no Parquet file, and Spark cannot read a schema from none.
        boolean anyFile = false;
        for (var it = fs.listFiles(folder, true); it.hasNext() && !anyFile; ) {
            anyFile = it.next().getPath().getName().endsWith(".parquet");
        }
        m.put("rows", anyFile ? spark.read().parquet(folder.toString()).count() : 0L);
        String glob = partitionDepth == 0 ? "" : "/*".repeat(partitionDepth);
        FileStatus[] parts = partitionDepth == 0 ? new FileStatus[0]
                : fs.globStatus(new Path(folder.toString() + glob), p -> !p.getName().startsWith("_")
                        && !p.getName().startsWith("."));
        m.put("partitions_written", parts == null ? 0 : parts.length);
        return m;
    }

    /** Moves every staged report into place, then writes the manifest; the previous run's files go last. */
    public void publish(List<String> reports, Manifest manifest) throws IOException {
        Path old = new Path(staging(), "_replaced");
        fs.mkdirs(old);
        Path published = new Path(root, MANIFEST);
        // Without a manifest the folder reads as "not published" while reports are swapped.
        if (fs.exists(published)) {
            rename(published, new Path(old, MANIFEST));
        }
        for (String report : reports) {
            Path target = published(report);
            if (fs.exists(target)) {
                rename(target, new Path(old, report));
            }
            rename(new Path(staging(), report), target);
        }
        manifest.write(fs, published);
        fs.delete(staging(), true);
        Path stagingParent = staging().getParent();
        FileStatus[] left = fs.listStatus(stagingParent);
        if (left.length == 0) {
            fs.delete(stagingParent, false);
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
            fs.delete(staging(), true);
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
