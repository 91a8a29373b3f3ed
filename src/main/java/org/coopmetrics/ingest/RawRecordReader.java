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
import org.apache.hadoop.fs.FileSystem;
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
    private final Map<String, String> hadoopConf;

    public RawRecordReader(DatasetSpec spec, int maxRecordBytes, Configuration conf) {
        this.spec = spec;
        this.maxRecordBytes = maxRecordBytes;
        this.hadoopConf = new HashMap<>();
        conf.iterator().forEachRemaining(e -> hadoopConf.put(e.getKey(), e.getValue()));
    }

    /** One row of {@link #schema} per non-blank record of the given files; files of about equal size share tasks. */
    public Dataset<Row> read(SparkSession spark, List<String> files) {
        return read(spark, files, Collections.nCopies(files.size(), 1L), null, new AsRead(spec));
    }

    /**
     * As above, with the files' sizes in bytes (same order), so that tasks get about equal shares of bytes, and
     * each record made a row by {@code mapper} as it is read; each file read to its end adds its records to
     * {@code tally} (when given, registered with the SparkContext).
     */
    public Dataset<Row> read(SparkSession spark, List<String> files, List<Long> bytes, RecordsRead tally,
                             RecordMapper mapper) {
        if (files.isEmpty()) {
            return spark.createDataFrame(List.of(), mapper.schema());
        }
        JavaRDD<Row> rows = tasks(spark, files, bytes).mapPartitions(groups -> {
            Iterator<RawRecord> records = readFiles(names(groups), tally);
            RecordMapper.Task task = mapper.task();
            return new Iterator<Row>() {
                @Override
                public boolean hasNext() {
                    return records.hasNext();
                }

                @Override
                public Row next() {
                    return task.row(records.next());
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
            Configuration conf = new Configuration(false);
            hadoopConf.forEach(conf::set);
            Path path = new Path(file);
            try (LineSource source = new LineSource(path.getFileSystem(conf).open(path), maxRecordBytes)) {
                List<Row> out = new ArrayList<>();
                RawText.of(source, numbers, "csv".equals(InputFiles.format(file)))
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

    /** One partition per group of files (see {@link FilePacking}), at least two per core where files allow. */
    private static JavaRDD<List<String>> tasks(SparkSession spark, List<String> files, List<Long> bytes) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<List<String>> groups = FilePacking.pack(files, bytes, 2 * jsc.defaultParallelism());
        return jsc.parallelize(groups, groups.size());
    }

    private static Iterator<String> names(Iterator<List<String>> groups) {
        List<String> all = new ArrayList<>();
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

    private Iterator<RawRecord> readFiles(Iterator<String> files, RecordsRead tally) {
        Configuration conf = new Configuration(false);
        hadoopConf.forEach(conf::set);
        return new Iterator<>() {
            private Iterator<RawRecord> current = Collections.emptyIterator();
            private String file;
            private long records;

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (file != null && tally != null) {
                        tally.add(Map.entry(file, records)); // read to its end
                    }
                    file = null;
                    if (!files.hasNext()) {
                        return false;
                    }
                    file = files.next();
                    records = 0;
                    current = open(file, conf);
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

    private Iterator<RawRecord> open(String file, Configuration conf) {
        try {
            Path path = new Path(file);
            FileSystem fs = path.getFileSystem(conf);
            InputStream in = fs.open(path);
            LineSource lines = new LineSource(in, maxRecordBytes);
            return "csv".equals(InputFiles.format(file)) ? new CsvRecords(file, lines, spec)
                    : new JsonRecords(file, lines, spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }
}
