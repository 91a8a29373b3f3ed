package org.coopmetrics.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.coopmetrics.JobException;

/** Lists a dataset's input files (recursively, sorted, hidden names skipped) through Hadoop's FileSystem. */
public final class InputFiles {

    /**
     * The files of one dataset: those the job reads (sorted, with their sizes in bytes in the same order), and
     * those it ignores (reported in the manifest).
     */
    public record Listing(List<String> files, List<Long> bytes, List<String> ignored, boolean folderMissing) {
    }

    private InputFiles() {
    }

    /**
     * How a file of the dataset is read, by its name: {@code jsonl} or {@code csv} for the curated datasets,
     * {@code gdelt} for GDELT event exports ({@code *.export.CSV}, or zipped {@code *.export.CSV.zip}); null for a
     * file the job ignores.
     */
    public static String format(DatasetSpec spec, String file) {
        if (spec == DatasetSpec.EVENTS) {
            String name = file.toLowerCase(Locale.ROOT);
            return name.endsWith(".export.csv") || name.endsWith(".export.csv.zip") ? "gdelt" : null;
        }
        return format(file);
    }

    /** A zip archive: read as a stream, never cut into pieces. */
    public static boolean isZipped(String file) {
        return file.toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** The format of a curated file: {@code jsonl}, {@code csv} or null. */
    public static String format(String file) {
        String name = file.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl")) {
            return "jsonl";
        }
        if (name.endsWith(".csv")) {
            return "csv";
        }
        return null;
    }

    /** Checks the input root itself: it must exist and be a directory (exit 4 otherwise). */
    public static void checkRoot(String input, Configuration conf) {
        Path root = new Path(input);
        try {
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(root)) {
                throw JobException.inputMissing("input folder " + input + " does not exist");
            }
            if (!fs.getFileStatus(root).isDirectory()) {
                throw JobException.inputMissing("input " + input + " is a file; expected a folder holding "
                        + "statements/, agreements/ and seizures/");
            }
        } catch (IOException e) {
            throw JobException.inputMissing("input folder " + input + " is unreadable: " + e.getMessage());
        }
    }

    public static Listing list(String input, DatasetSpec spec, Configuration conf) {
        Path folder = new Path(input, spec.id());
        TreeMap<String, Long> files = new TreeMap<>();
        List<String> ignored = new ArrayList<>();
        try {
            FileSystem fs = folder.getFileSystem(conf);
            if (!fs.exists(folder)) {
                return new Listing(List.of(), List.of(), List.of(), true);
            }
            FileStatus status = fs.getFileStatus(folder);
            if (!status.isDirectory()) {
                throw JobException.inputMissing(folder + " is a file; expected a folder of " + spec.files());
            }
            walk(fs, folder, spec, files, ignored);
        } catch (IOException e) {
            throw JobException.inputMissing("input folder " + folder + " is unreadable: " + e.getMessage());
        }
        ignored.sort(null);
        return new Listing(List.copyOf(files.keySet()), List.copyOf(files.values()), ignored, false);
    }

    /**
     * Lists a folder and its subfolders, skipping names that start with '.' or '_' (checksums, _SUCCESS, editors'
     * temp files). Folder by folder with listStatus: listFiles would ask each file's permissions too, which on a
     * local disk costs a process per file (30 s for 3,000 files).
     */
    private static void walk(FileSystem fs, Path folder, DatasetSpec spec, Map<String, Long> files,
                             List<String> ignored) throws IOException {
        for (FileStatus f : fs.listStatus(folder)) {
            String name = f.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (f.isDirectory()) {
                walk(fs, f.getPath(), spec, files, ignored);
            } else if (format(spec, f.getPath().toString()) != null) {
                files.put(f.getPath().toString(), f.getLen());
            } else {
                ignored.add(f.getPath().toString());
            }
        }
    }
}
