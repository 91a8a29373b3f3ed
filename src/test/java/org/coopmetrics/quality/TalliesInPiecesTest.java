package org.coopmetrics.quality;

import static org.coopmetrics.SparkTestSupport.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.coopmetrics.generate.Generator;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.FilePacking;
import org.coopmetrics.ingest.Ingest;
import org.coopmetrics.ingest.Ingested;
import org.coopmetrics.ingest.InputFiles;
import org.coopmetrics.normalize.Canon;
import org.coopmetrics.normalize.CanonicalRows;
import org.coopmetrics.normalize.Normalise;
import org.coopmetrics.normalize.ReferenceData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's reading path (listing, reader, canonical rows, revisions, tally) on two generated files per dataset
 * (JSON Lines and CSV), read whole and in two pieces each: the same ledger, the same quarantine and the same
 * tally, which is the generator's.
 */
class TalliesInPiecesTest {
    @TempDir
    static Path tmp;

    @Test
    void aFileReadInPiecesIsAccountedForAsWhenReadWhole() throws Exception {
        Path in = tmp.resolve("in");
        // Two files per dataset (JSON Lines and CSV), 15% spoilt rows and 3% revisions.
        Generator.generate(new Generator.Settings(in.toString(), 1200, 11, 2, 0, false, 0.15, 0.03),
                new Configuration());
        JsonNode generated = new ObjectMapper().readTree(in.resolve(Generator.DESCRIPTION).toFile());
        Configuration conf = spark().sparkContext().hadoopConfiguration();
        ReferenceData ref = ReferenceData.load(in.resolve(Generator.REFERENCE).toString(), conf);
        Broadcast<Canon> canon = JavaSparkContext.fromSparkContext(spark().sparkContext())
                .broadcast(Canon.of(ref, LocalDate.parse(Generator.AS_OF)));
        for (DatasetSpec spec : DatasetSpec.CURATED) {
            InputFiles.Listing listing = InputFiles.list(in.toString(), spec, conf);
            assertEquals(2, listing.files().size());
            Ingested whole = Normalise.ledger(Ingest.read(spark(), 1 << 20, FilePacking.MIN_PIECE_BYTES, spec,
                    listing, new CanonicalRows(spec, canon, listing.files())));
            Ingested read = Ingest.read(spark(), 1 << 20, 1, spec, listing,
                    new CanonicalRows(spec, canon, listing.files()));
            // local[2]: four tasks, each file in two pieces
            assertEquals(4, read.ledger().rdd().getNumPartitions());
            Ingested pieces = Normalise.ledger(read);
            DatasetTally tally = Tallies.of(pieces);
            assertEquals(Tallies.of(whole), tally, spec.id());
            JsonNode expected = generated.at("/datasets/" + spec.id() + "/expected");
            assertEquals(expected.get("read").asLong(), tally.read(), spec.id());
            assertEquals(expected.get("quarantined").asLong(), tally.quarantined(), spec.id());
            assertTrue(tally.quarantined() > 0 && tally.superseded() > 0, spec.id() + " has spoilt and revised rows");
            assertEquals(rows(whole.ledger()), rows(pieces.ledger()), spec.id() + " ledger");
            assertEquals(rows(whole.quarantined()), rows(pieces.quarantined()), spec.id() + " quarantine");
            whole.unpersist();
            pieces.unpersist();
        }
    }

    /** The rows as text, by file and line. */
    static TreeMap<String, String> rows(Dataset<Row> rows) {
        TreeMap<String, String> byLine = new TreeMap<>();
        for (Row r : rows.collectAsList()) {
            byLine.put(r.getAs("source_file") + ":" + r.<Long>getAs("line"), r.toString());
        }
        return byLine;
    }
}
