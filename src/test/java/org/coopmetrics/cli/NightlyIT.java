package org.coopmetrics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobs/nightly as a scheduler runs it: the built jar, a lock, a log per run, the job's exit code. */
class NightlyIT {
    @TempDir
    Path dir;

    static CliRun.ScriptOutcome nightly(Map<String, String> env, String... args) throws Exception {
        return CliRun.script(env, "jobs/nightly", args);
    }

    @Test
    void runsAsOfTheGivenNightAndRefusesAnOverlappingRun() throws Exception {
        Path config = dir.resolve("nightly.json");
        Path out = dir.resolve("reports");
        Files.writeString(config, "{\"input\": \"data/curated\", \"output\": \"" + out + "\", "
                + "\"grains\": [\"month\", \"quarter\", \"year\"]}");
        Path logs = dir.resolve("logs");
        Map<String, String> env = Map.of("COOPMETRICS_CONFIG", config.toString(),
                "COOPMETRICS_LOG_DIR", logs.toString(), "COOPMETRICS_SHUFFLE_PARTITIONS", "2",
                // The launcher's class-data archive is LauncherCdsIT's subject; writing one here only adds time.
                "COOPMETRICS_CDS", "off");

        CliRun.ScriptOutcome ok = nightly(env, "2025-12-31");
        assertEquals(0, ok.code(), ok.out());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
        assertEquals("2025-12-31", manifest.get("as_of").asText());
        assertEquals(List.of("month", "quarter", "year"),
                new ObjectMapper().convertValue(manifest.at("/config/grains"), List.class));
        assertEquals("2m", manifest.at("/spark_conf/spark.buffer.pageSize").asText(),
                "a local run's memory pages, as the launcher sets them");
        try (Stream<Path> files = Files.list(logs)) {
            Path log = files.filter(p -> p.getFileName().toString().startsWith("coopmetrics-2025-12-31-"))
                    .findFirst().orElseThrow();
            assertTrue(Files.readString(log).contains("succeeded"), "log of the run");
        }

        // While another process holds the lock, the nightly run does not start.
        Process holder = new ProcessBuilder("flock", logs.resolve("nightly.lock").toString(), "sleep", "60").start();
        try {
            Thread.sleep(500);
            CliRun.ScriptOutcome refused = nightly(env, "2025-12-31");
            assertEquals(2, refused.code(), refused.out());
            assertTrue(refused.out().contains("another run holds"), refused.out());
        } finally {
            holder.descendants().forEach(ProcessHandle::destroyForcibly); // sleep holds the lock too
            holder.destroyForcibly();
            holder.waitFor();
        }

        // The job's own exit codes pass through: a missing input folder is 4.
        Files.writeString(config, "{\"input\": \"" + dir.resolve("nowhere") + "\", \"output\": \"" + out + "\"}");
        assertEquals(4, nightly(env, "2025-12-31").code());
    }
}
