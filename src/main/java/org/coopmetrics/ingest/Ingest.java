package org.coopmetrics.ingest;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.coopmetrics.JobException;
import org.coopmetrics.config.JobConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists and reads one dataset: every record with its file and line. */
public final class Ingest {
    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

    private Ingest() {
    }

    /**
     * The dataset's files; a missing curated folder is an error unless the config marks the dataset optional. The
     * events folder is always optional (contract section 6): without it, the events dataset reads nothing.
     */
    public static InputFiles.Listing list(JobConfig config, DatasetSpec spec, Configuration hadoopConf) {
        InputFiles.Listing listing = InputFiles.list(config.input(), spec, hadoopConf);
        if (listing.folderMissing() && spec != DatasetSpec.EVENTS && !config.optionalDatasets().contains(spec.id())) {
            throw JobException.inputMissing("input folder " + new Path(config.input(), spec.id())
                    + " does not exist (mark the dataset optional in the config's optional_datasets to run without it)");
        }
        listing.ignored().forEach(f -> LOG.warn("ignoring {}: not one of the {}", f, spec.files()));
        return listing;
    }

    /**
     * The dataset's records, each made a row by {@code mapper} as it is read (lazy, but for the scan of files large
     * enough to be read in pieces); the reader counts the records as it reads them.
     */
    public static Ingested read(SparkSession spark, JobConfig config, DatasetSpec spec, InputFiles.Listing listing,
                                RecordMapper mapper) {
        return read(spark, config.maxRecordBytes(), FilePacking.MIN_PIECE_BYTES, spec, listing, mapper);
    }

    /** As above, with large files cut into pieces of at least {@code minPieceBytes} (small in tests). */
    public static Ingested read(SparkSession spark, int maxRecordBytes, long minPieceBytes, DatasetSpec spec,
                                InputFiles.Listing listing, RecordMapper mapper) {
        RawRecordReader reader = new RawRecordReader(spec, maxRecordBytes, minPieceBytes,
                spark.sparkContext().hadoopConfiguration());
        RecordsRead tally = new RecordsRead();
        spark.sparkContext().register(tally, "coopmetrics " + spec.id() + " records read");
        Dataset<Row> records = reader.read(spark, listing.files(), listing.bytes(), tally, mapper);
        LOG.info("{}: reading {} files", spec.id(), listing.files().size());
        return new Ingested(spec, listing, records, tally, reader, List.of(), null);
    }
}
