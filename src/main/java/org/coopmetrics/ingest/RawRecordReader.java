package org.coopmetrics.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads curated files record by record with their file and line number; files share tasks ({@link FilePacking}).
 *
 * <p>Spark's own text sources drop line numbers and cannot bound a line's size; curators need both
 * ("line 12 of statements-2025.csv"), and a 5 GB line of garbage must not be loaded whole. The reading itself
 * is Spark-free ({@link LineSource}, {@link JsonRecords}, {@link CsvRecords}); this class spreads the files
 * over tasks and turns each {@link RawRecord} into a row.
 */
public final class RawRecordReader implements Serializable {
    /**
     * The rows out: where the record came from, its text, why it cannot be read (if so), then the spec's
     * fields as trimmed text (null when absent or blank), lists as arrays of distinct non-empty items.
     */
    public static StructType schema(DatasetSpec spec) {
        StructType schema = new StructType()
                .add("source_file", DataTypes.StringType, false)
                .add("line", DataTypes.LongType, true)
                .add("raw", DataTypes.StringType, true)
                .add("read_error", DataTypes.StringType, true);
        for (String f : spec.fields()) {
            schema = schema.add(f, spec.isList(f) ? DataTypes.createArrayType(DataTypes.StringType, false)
                    : DataTypes.StringType, true);
        }
        return schema;
    }

    /** How much of an over-long or undecodable record is kept for the quarantine report. */
    static final int RAW_PREVIEW_CHARS = LineSource.RAW_PREVIEW_CHARS;

    private final DatasetSpec spec;
    private final int maxRecordBytes;
    private final long minPieceBytes;
    private final Map<String, String> hadoopConf;

    public RawRecordReader(DatasetSpec spec, int maxRecordBytes, Configuration conf) {
        this(spec, maxRecordBytes, FilePacking.MIN_PIECE_BYTES, conf);
    }

    /** A reader that cuts a large file into pieces of at least {@code minPieceBytes} (small in tests). */
    public RawRecordReader(DatasetSpec spec, int maxRecordBytes, long minPieceBytes, Configuration conf) {
        this.spec = spec;
        this.maxRecordBytes = maxRecordBytes;
        this.minPieceBytes = minPieceBytes;
        this.hadoopConf = new HashMap<>();
        conf.iterator().forEachRemaining(e -> hadoopConf.put(e.getKey(), e.getValue()));
    }

    /**
     * One row of {@link #schema} per non-blank record of the given files; files of about equal size share tasks
     * (eager for files large enough to be cut: their pieces are scanned at once, see {@link PieceStarts}).
     */
    public Dataset<Row> read(SparkSession spark, List<String> files) {
        return read(spark, files, Collections.nCopies(files.size(), 1L), null, new AsRead(spec));
    }

    /**
     * As above, with the files' sizes in bytes (same order), so that tasks get about equal shares of bytes, and
     * each record made a row by {@code mapper} as it is read; each piece of a file read to its end adds its
     * records to {@code tally} (when given, registered with the SparkContext).
     */
    public Dataset<Row> read(SparkSession spark, List<String> files, List<Long> bytes, RecordsRead tally,
                             RecordMapper mapper) {
        if (files.isEmpty()) {
            return spark.createDataFrame(List.of(), mapper.schema());
        }
        JavaRDD<Row> rows = tasks(spark, files, bytes).mapPartitions(groups -> {
            Iterator<RawRecord> records = readPieces(starts(groups), tally, mapper.fieldsRead());
            RecordMapper.Task task = mapper.task();
            return new Iterator<Row>() {
                private Row next;
                private Iterator<Row> folded;

                @Override
                public boolean hasNext() {
                    while (next == null) {
                        if (records.hasNext()) {
                            next = task.row(records.next()); // null when folded
                        } else {
                            if (folded == null) {
                                folded = task.folded().iterator();
                            }
                            if (!folded.hasNext()) {
                                return false;
                            }
                            next = folded.next();
                        }
                    }
                    return true;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Row row = next;
                    next = null;
                    return row;
                }
            };
        });
        return spark.createDataFrame(rows, mapper.schema());
    }

    /** The records as read: {@link #schema}. */
    public static final class AsRead implements RecordMapper {
        private final DatasetSpec spec;

        public AsRead(DatasetSpec spec) {
            this.spec = spec;
        }

        @Override
        public StructType schema() {
            return RawRecordReader.schema(spec);
        }

        @Override
        public Task task() {
            int width = spec.fields().size();
            return r -> row(r, width);
        }
    }

    /**
     * The raw text of the records starting on the wanted lines ({@code _file}, {@code _line}; well-formed records
     * only), read again from their files: {@code _file}, {@code _line}, {@code _raw}. The lines before them are
     * passed over without being parsed.
     */
    public Dataset<Row> rawText(SparkSession spark, Dataset<Row> wanted) {
        Dataset<Row> byFile = wanted.groupBy("_file").agg(array_sort(collect_list(col("_line"))).as("_lines"));
        JavaRDD<Row> rows = byFile.javaRDD().flatMap(r -> {
            String file = r.getString(0);
            List<Long> lines = r.getList(1);
            long[] numbers = lines.stream().mapToLong(Long::longValue).toArray();
            Path path = new Path(file);
            InputStream in = path.getFileSystem(conf()).open(path);
            try (LineSource source = new LineSource(InputFiles.isZipped(file) ? ZipEntryStream.open(in, file) : in,
                    maxRecordBytes)) {
                List<Row> out = new ArrayList<>();
                RawText.of(source, numbers, "csv".equals(InputFiles.format(spec, file)))
                        .forEach((line, text) -> out.add(RowFactory.create(file, line, text)));
                return out.iterator();
            }
        });
        StructType schema = new StructType()
                .add("_file", DataTypes.StringType, false)
                .add("_line", DataTypes.LongType, false)
                .add("_raw", DataTypes.StringType, true);
        return spark.createDataFrame(rows, schema);
    }

    /**
     * One partition per group of pieces (see {@link FilePacking}), at least two per core where files allow; the
     * pieces of cut files begin where their scans (a Spark job, a task per piece) prove a record starts.
     */
    private JavaRDD<List<PieceStarts.Start>> tasks(SparkSession spark, List<String> files, List<Long> bytes) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<List<FilePacking.Piece>> groups = FilePacking.pack(files, bytes, 2 * jsc.defaultParallelism(),
                minPieceBytes, file -> !InputFiles.isZipped(file));
        List<FilePacking.Piece> cut = groups.stream().flatMap(List::stream).filter(p -> p.count() > 1).toList();
        Map<String, Map<Integer, PieceStarts.Start>> startsByFile = PieceStarts.starts(cut, new PieceStarts.Scanner() {
            @Override
            public List<PieceStarts.Scan> fromFirstLineStarts(List<FilePacking.Piece> pieces) {
                // small: one scan a piece
                return jsc.parallelize(pieces, pieces.size()).map(RawRecordReader.this::scan).collect();
            }

            @Override
            public List<PieceStarts.Scan> from(List<PieceStarts.Start> starts) {
                // small: one scan a piece
                return jsc.parallelize(starts, starts.size()).map(RawRecordReader.this::scan).collect();
            }
        });
        List<List<PieceStarts.Start>> tasks = new ArrayList<>();
        for (List<FilePacking.Piece> group : groups) {
            List<PieceStarts.Start> task = new ArrayList<>();
            for (FilePacking.Piece piece : group) {
                // A cut file's piece that no reading begins at is read by the piece before it.
                PieceStarts.Start start = piece.count() > 1 ? startsByFile.get(piece.file()).get(piece.index())
                        : PieceStarts.Start.whole(piece.file());
                if (start != null) {
                    task.add(start);
                }
            }
            if (!task.isEmpty()) {
                tasks.add(task);
            }
        }
        return jsc.parallelize(tasks, tasks.size());
    }

    private PieceStarts.Scan scan(FilePacking.Piece piece) throws IOException {
        Path path = new Path(piece.file());
        return PieceStarts.scan(path.getFileSystem(conf()), piece, spec, maxRecordBytes);
    }

    private PieceStarts.Scan scan(PieceStarts.Start from) throws IOException {
        Path path = new Path(from.piece().file());
        return PieceStarts.scan(path.getFileSystem(conf()), from, spec, maxRecordBytes);
    }

    private Configuration conf() {
        Configuration conf = new Configuration(false);
        hadoopConf.forEach(conf::set);
        return conf;
    }

    private static Iterator<PieceStarts.Start> starts(Iterator<List<PieceStarts.Start>> groups) {
        List<PieceStarts.Start> all = new ArrayList<>();
        groups.forEachRemaining(all::addAll);
        return all.iterator();
    }

    /** A row of {@link #schema}: the record's place, text and error, then its values (all null if none). */
    static Row row(RawRecord r, int width) {
        Object[] row = new Object[4 + width];
        row[0] = r.file();
        row[1] = r.line();
        row[2] = r.raw();
        row[3] = r.readError();
        for (int i = 0; i < width; i++) {
            row[4 + i] = r.value(i);
        }
        return RowFactory.create(row);
    }

    private Iterator<RawRecord> readPieces(Iterator<PieceStarts.Start> pieces, RecordsRead tally,
                                           boolean[] fieldsRead) {
        Configuration conf = conf();
        return new Iterator<>() {
            private Records current;
            private PieceStarts.Start piece;
            private long records;

            @Override
            public boolean hasNext() {
                while (current == null || !current.hasNext()) {
                    if (current != null && tally != null) { // read to its end
                        tally.add(new RecordsRead.PieceRead(piece.piece().file(), piece.offset(),
                                current.lines.offset(), current.reachedEndOfFile(), records));
                    }
                    current = null;
                    if (!pieces.hasNext()) {
                        return false;
                    }
                    piece = pieces.next();
                    records = 0;
                    current = open(piece, conf);
                    current.fieldsRead = fieldsRead;
                }
                return true;
            }

            @Override
            public RawRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                records++;
                return current.next();
            }
        };
    }

    private Records open(PieceStarts.Start piece, Configuration conf) {
        String file = piece.piece().file();
        try {
            return PieceStarts.open(new Path(file).getFileSystem(conf), piece, spec, maxRecordBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }
}
