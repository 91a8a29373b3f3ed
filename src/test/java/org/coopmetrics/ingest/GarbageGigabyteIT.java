package org.coopmetrics.ingest;

import static org.coopmetrics.SparkTestSupport.deleteTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.coopmetrics.cli.CliRun;
import org.junit.jupiter.api.Test;

/**
 * Resource safety: one gibibyte of garbage lines, including a single 512 MiB line, through the whole job in a
 * JVM of its own with a 768 MiB heap. A reader that held a line whole would run out of memory; this one keeps at
 * most max_record_bytes of any line, quarantines every line, and finishes. The input is generated under target/
 * and deleted afterwards.
 */
class GarbageGigabyteIT {
    static final long TOTAL = 1L << 30;
    static final long GIANT_LINE = 512L << 20;
    static final int LIMIT = 16 * 1024;

    @Test
    void aGibibyteOfGarbageIsQuarantinedLineByLineInABoundedHeap() throws Exception {
        Path root = Path.of("target", "garbage-it").toAbsolutePath();
        deleteTree(root);
        Path input = root.resolve("input");
        Path out = root.resolve("reports");
        try {
            SplittableRandom random = new SplittableRandom(1_000_000_007L);
            long quarter = TOTAL / 4;
            // statements: JSON Lines (one with the giant line); seizures: CSV with a real header
            long statements = garbage(input.resolve("statements/garbage-1.jsonl"), quarter * 3 / 2, false, true, random)
                    + garbage(input.resolve("statements/garbage-2.jsonl"), quarter / 2, false, false, random);
            long seizures = garbage(input.resolve("seizures/garbage-3.csv"), quarter, true, false, random)
                    + garbage(input.resolve("seizures/garbage-4.csv"), quarter, true, false, random);
            Files.createDirectories(input.resolve("agreements"));
            long bytes;
            try (Stream<Path> files = Files.walk(input)) {
                bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            assertTrue(bytes >= TOTAL, "generated " + bytes + " bytes");
            Path config = root.resolve("config.json");
            Files.writeString(config, "{\"max_record_bytes\": " + LIMIT + ", \"max_quarantine_ratio\": 1.0}");

            List<String> cmd = CliRun.childJvm(List.of("-Xmx768m"), "run", "--input", input.toString(),
                    "--output", out.toString(), "--as-of", "2025-12-31", "--grain", "year", "--config",
                    config.toString());
            File log = new File("target/garbage-it-child.log");
            long started = System.nanoTime();
            Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
            long peakKb = 0;
            while (!child.waitFor(200, TimeUnit.MILLISECONDS)) {
                peakKb = Math.max(peakKb, peakRssKb(child.pid()));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            String output = Files.readString(log.toPath());
            System.out.printf("garbage run: %d bytes (%d + %d records), exit %d in %.1f s, peak RSS %d MiB%n",
                    bytes, statements, seizures, child.exitValue(), seconds, peakKb / 1024);
            assertFalse(output.contains("OutOfMemoryError"), output);
            assertEquals(0, child.exitValue(), output);

            JsonNode datasets = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile()).get("datasets");
            assertDataset(datasets.get("statements"), statements);
            assertDataset(datasets.get("seizures"), seizures);
            assertEquals(0, datasets.get("agreements").get("read").asLong());
        } finally {
            deleteTree(root);
        }
    }

    static void assertDataset(JsonNode d, long records) {
        assertEquals(records, d.get("read").asLong(), d.toString());
        assertEquals(records, d.get("quarantined").asLong(), d.toString());
        assertEquals(0, d.get("accepted").asLong(), d.toString());
        assertTrue(d.get("quarantined_by_reason").get("malformed_record").asLong() > records * 9 / 10, d.toString());
    }

    /**
     * Writes about {@code size} bytes of garbage lines and returns how many records they make. Lines are mostly
     * short, some up to the limit, some far over it (most of the bytes); the giant one is 512 MiB. JSON garbage
     * has quotes and braces; CSV garbage has no quote, so that each line is one record and the count is exact.
     */
    static long garbage(Path file, long size, boolean csv, boolean giant, SplittableRandom random) throws IOException {
        Files.createDirectories(file.getParent());
        long records = 0;
        long written = 0;
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            if (csv) {
                byte[] header = "seizure_id,kind,date,reporting_country,drug,quantity,unit,sources,recorded_at\n"
                        .getBytes();
                out.write(header);
                written += header.length;
            }
            boolean giantDone = !giant;
            while (written < size) {
                int kind = random.nextInt(100);
                long length = !giantDone ? GIANT_LINE
                        : kind < 80 ? 1 + random.nextInt(300)
                        : kind < 97 ? 1 + random.nextInt(LIMIT)
                        : LIMIT + random.nextInt(8 << 20);
                giantDone = true;
                length = Math.min(length, Math.max(1, size - written - 1));
                boolean binary = random.nextInt(3) == 0;
                long left = length;
                boolean first = true;
                while (left > 0) {
                    int n = (int) Math.min(left, chunk.length);
                    fill(chunk, n, binary, csv, random);
                    if (first) {
                        chunk[0] = '#'; // never a blank line
                        first = false;
                    }
                    out.write(chunk, 0, n);
                    left -= n;
                }
                out.write('\n');
                written += length + 1;
                records++;
            }
        }
        return records;
    }

    static final byte[] PRINTABLE = "abcdefghijklmnopqrstuvwxyz0123456789 ,;:{}[]\"'\\-+.".getBytes();

    static void fill(byte[] buf, int n, boolean binary, boolean csv, SplittableRandom random) {
        for (int i = 0; i < n; i += 8) {
            long bits = random.nextLong();
            for (int j = 0; j < 8 && i + j < n; j++, bits >>>= 8) {
                int b = (int) (bits & 0xFF);
                if (!binary) {
                    b = PRINTABLE[b % PRINTABLE.length];
                }
                if (b == '\n' || b == '\r' || (csv && b == '"')) {
                    b = '_';
                }
                buf[i + j] = (byte) b;
            }
        }
    }

    static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process has ended
        }
        return 0;
    }
}
