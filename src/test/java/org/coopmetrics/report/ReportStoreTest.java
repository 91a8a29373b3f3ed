package org.coopmetrics.report;

import static org.coopmetrics.SparkTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery of a publication interrupted between its renames, on the local file system. */
class ReportStoreTest {
    @TempDir
    Path out;

    @Test
    void anInterruptedPublicationIsCompletedByTheNextRun() throws Exception {
        // Published: run A. Run B staged two reports, marked publishing, and had moved one when it died.
        write(out, "_manifest.json", "{\"run_id\": \"A\"}");
        write(out, "r2/part-a.parquet", "A2");
        write(out, "r1/part-b.parquet", "B1");
        write(out, "_staging/B/_replaced/r1/part-a.parquet", "A1");
        write(out, "_staging/B/r2/part-b.parquet", "B2");
        write(out, "_staging/B/_manifest.json", "{\"run_id\": \"B\"}");
        write(out, "_staging/B/_PUBLISHING", "r1\nr2");
        // Run C died before publishing.
        write(out, "_staging/C/r1/part-c.parquet", "C1");

        new ReportStore(out.toString(), "D", new Configuration()).recover();

        assertEquals("{\"run_id\": \"B\"}", Files.readString(out.resolve("_manifest.json")));
        assertEquals("B1", Files.readString(out.resolve("r1/part-b.parquet")));
        assertEquals("B2", Files.readString(out.resolve("r2/part-b.parquet")));
        assertFalse(Files.exists(out.resolve("r2/part-a.parquet")));
        assertFalse(Files.exists(out.resolve("_staging")), "both staging folders cleared");
    }
}
