package org.coopmetrics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.coopmetrics.SparkTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/coopmetrics keeps a class-data archive under target/cds: written only by a run that succeeded, then
 * mapped by the next runs (the JVM's class-loading log names it as the source of archived classes).
 */
class LauncherCdsIT {
    static final Path CDS = Path.of("target/cds");

    @TempDir
    Path dir;

    static CliRun.ScriptOutcome launch(Map<String, String> env, String... args) throws Exception {
        return CliRun.script(env, "jobs/coopmetrics", args);
    }

    static List<String> cdsFiles() throws Exception {
        if (!Files.isDirectory(CDS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(CDS)) {
            return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void archiveWrittenBySuccessfulRunAndMappedByTheNext() throws Exception {
        SparkTestSupport.deleteTree(CDS);

        CliRun.ScriptOutcome refused = launch(Map.of(), "run", "--no-such-flag");
        assertEquals(2, refused.code(), refused.out());
        assertEquals(List.of(), cdsFiles(), "a failed run leaves no archive, partial or whole");

        String[] validate = {"validate", "--input", "data/curated", "--as-of", "2025-12-31"};
        CliRun.ScriptOutcome first = launch(Map.of(), validate);
        assertEquals(0, first.code(), first.out());
        List<String> archives = cdsFiles();
        assertEquals(1, archives.size(), archives.toString());
        assertTrue(archives.get(0).matches("coopmetrics-\\d+\\.jsa"), archives.toString());
        Path archive = CDS.resolve(archives.get(0));
        FileTime written = Files.getLastModifiedTime(archive);

        Path classLog = dir.resolve("classes.log");
        CliRun.ScriptOutcome second = launch(Map.of("COOPMETRICS_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog), validate);
        assertEquals(0, second.code(), second.out());
        assertEquals(written, Files.getLastModifiedTime(archive), "the archive is mapped, not written again");
        assertEquals(archives, cdsFiles());
        String loaded = Files.readString(classLog);
        assertTrue(loaded.contains("org.apache.spark.SparkContext source: shared objects file"),
                "SparkContext should come from the archive");
        assertTrue(first.out().contains("statements") && second.out().contains("statements"));
    }
}
