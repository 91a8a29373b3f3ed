package org.coopmetrics.report;

import static org.coopmetrics.SparkTestSupport.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.coopmetrics.cli.CoopMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets given as Spark settings never reach the manifest or the log. */
class RedactionTest {
    static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path out;

    @Test
    void uriCredentialsAreRemoved() {
        assertEquals("s3a://***@bucket/reports", Redaction.path("s3a://AKIA:" + SECRET + "@bucket/reports"));
        assertEquals("hdfs://nn:8020/x", Redaction.path("hdfs://nn:8020/x"));
        assertEquals("data/curated", Redaction.path("data/curated"));
    }

    @Test
    void secretSettingsAreRedactedInTheManifestAndLog() throws Exception {
        spark().conf().set("spark.hadoop.fs.s3a.secret.key", SECRET);
        spark().conf().set("spark.hadoop.fs.s3a.access.key", "AKIAEXAMPLE");
        try {
            assertEquals(0, CoopMetrics.execute("run", "--input", "data/curated", "--output", out.toString(),
                    "--as-of", "2025-12-31", "--grain", "year"));
        } finally {
            spark().conf().unset("spark.hadoop.fs.s3a.secret.key");
            spark().conf().unset("spark.hadoop.fs.s3a.access.key");
        }
        String manifest = Files.readString(out.resolve("_manifest.json"));
        assertTrue(manifest.contains("\"spark.hadoop.fs.s3a.secret.key\" : \"" + Redaction.REDACTED + "\""), manifest);
        assertTrue(manifest.contains("\"spark.hadoop.fs.s3a.access.key\" : \"" + Redaction.REDACTED + "\""));
        assertFalse(manifest.contains(SECRET));
        assertFalse(manifest.contains("AKIAEXAMPLE"));
        Path log = Path.of("target/test.log");
        if (Files.exists(log)) {
            assertFalse(Files.readString(log).contains(SECRET), "test log holds the secret");
        }
    }
}
