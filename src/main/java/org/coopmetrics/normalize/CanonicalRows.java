package org.coopmetrics.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftright;
import static org.coopmetrics.ingest.QuarantineReason.INVALID_DATE;
import static org.coopmetrics.ingest.QuarantineReason.MALFORMED_RECORD;
import static org.coopmetrics.ingest.QuarantineReason.MISSING_FIELD;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.Ledger;
import org.coopmetrics.ingest.RawRecord;
import org.coopmetrics.ingest.RecordMapper;

/**
 * Each record as it is read, made one canonical row in plain Java: the checks every record must pass before its
 * revisions can be settled (readable, an id, a recorded_at instant), what revisions compare (the instant and a
 * hash of the content), and the dataset's verdict and canonical values from its {@link DatasetRules}.
 *
 * <p>The verdict waits in its own columns: revisions come first (a superseded row is superseded whatever its
 * content), so {@link Normalise} settles the status only once they are known. The raw text stays only with rows
 * already quarantined, since only the quarantine report shows it.
 */
public final class CanonicalRows implements RecordMapper {
    public static final String RECORDED_AT = "recorded_at";
    public static final String RECORDED_AT_TS = "recorded_at_ts";
    public static final String CONTENT_HASH = "content_hash";
    public static final String VERDICT = "verdict";
    public static final String VERDICT_REASON = "verdict_reason";
    public static final String VERDICT_DETAIL = "verdict_detail";
    /** A row's file and line in one long (the file's place in the listing, then the line): a cheap join key. */
    public static final String ROW_KEY = "row_key";

    /**
     * What the reader writes of every record before the dataset's canonical columns. It is kept until the reports
     * are written, so it holds nothing another column gives: the dataset, file and line come from the row key, the
     * record's id column from {@code record_id} ({@link #located}).
     */
    static final StructType READ = new StructType()
            .add("raw", DataTypes.StringType, true)
            .add("record_id", DataTypes.StringType, true)
            .add(RECORDED_AT, DataTypes.StringType, true)
            .add(RECORDED_AT_TS, DataTypes.TimestampType, true)
            .add(CONTENT_HASH, DataTypes.LongType, true)
            .add(Ledger.STATUS, DataTypes.StringType, true)
            .add(Ledger.REASON, DataTypes.StringType, true)
            .add(Ledger.DETAIL, DataTypes.StringType, true)
            .add(VERDICT, DataTypes.StringType, true)
            .add(VERDICT_REASON, DataTypes.StringType, true)
            .add(VERDICT_DETAIL, DataTypes.StringType, true)
            .add(ROW_KEY, DataTypes.LongType, false);

    /** The ledger's own columns, before the dataset's canonical ones. */
    public static final StructType LEDGER = append(new StructType()
            .add("dataset", DataTypes.StringType, false)
            .add("source_file", DataTypes.StringType, false)
            .add("line", DataTypes.LongType, true), READ.fields());

    /** ISO-8601 instant with an explicit zone (Z or an offset); seconds and their fraction may be left out. */
    static final Pattern INSTANT = Pattern.compile(
            "^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(Z|[+-]\\d{2}:?\\d{2})$");

    private final DatasetSpec spec;
    private final Broadcast<Canon> canon;
    private final RowKeys rowKeys;

    /** For the dataset's files as listed (their order gives the row keys), over the broadcast reference tables. */
    public CanonicalRows(DatasetSpec spec, Broadcast<Canon> canon, List<String> files) {
        this.spec = spec;
        this.canon = canon;
        this.rowKeys = new RowKeys(files);
    }

    /** The rules of a dataset over the reference tables. */
    public static DatasetRules rules(DatasetSpec spec, Canon canon) {
        return switch (spec) {
            case STATEMENTS -> new StatementRules(canon);
            case AGREEMENTS -> new AgreementRules(canon);
            case SEIZURES -> new SeizureRules(canon);
            case EVENTS -> throw new IllegalArgumentException(
                    "GDELT events are not curated records: the curated rules do not apply to them");
        };
    }

    /** The canonical columns of a dataset. */
    public static StructType columns(DatasetSpec spec) {
        return rules(spec, null).columns();
    }

    /** The rows as read: {@link #READ}, then the canonical columns but the first (the record's id). */
    @Override
    public StructType schema() {
        StructField[] canonical = columns(spec).fields();
        return append(READ, Arrays.copyOfRange(canonical, 1, canonical.length));
    }

    /** The columns of {@link #located} rows: {@link #LEDGER}, then the canonical ones. */
    public static StructType ledgerSchema(DatasetSpec spec) {
        return append(LEDGER, columns(spec).fields());
    }

    private static StructType append(StructType schema, StructField[] fields) {
        for (StructField f : fields) {
            schema = schema.add(f);
        }
        return schema;
    }

    /**
     * The rows read with the columns they leave out ({@link #READ}): the dataset, the file and line (from the row
     * key, as {@link RowKeys} made it of the same {@code files}) and the record's id, in {@link #ledgerSchema} order.
     * The file is never null, though Spark's schema says it may be: its place is always in the listing.
     */
    public static Dataset<Row> located(Dataset<Row> read, DatasetSpec spec, List<String> files) {
        String[] places = RowKeys.places(files);
        List<Column> cols = new ArrayList<>();
        for (StructField f : ledgerSchema(spec).fields()) {
            cols.add(switch (f.name()) {
                case "dataset" -> lit(spec.id()).as(f.name());
                case "source_file" -> fileOf(col(ROW_KEY), places).as(f.name());
                case "line" -> lineOf(col(ROW_KEY)).as(f.name());
                default -> f.name().equals(spec.idField()) ? col("record_id").as(f.name()) : col(f.name());
            });
        }
        return read.select(cols.toArray(Column[]::new));
    }

    /** The file and line ({@code _file}, {@code _line}) of each row key, as {@link RowKeys} made it of the files. */
    public static Dataset<Row> places(Dataset<Row> keys, String keyColumn, List<String> files) {
        return keys.select(fileOf(col(keyColumn), RowKeys.places(files)).as("_file"), lineOf(col(keyColumn))
                .as("_line"));
    }

    private static Column fileOf(Column rowKey, String[] places) {
        return element_at(lit(places), shiftright(rowKey, RowKeys.LINE_BITS).cast(DataTypes.IntegerType).plus(1));
    }

    private static Column lineOf(Column rowKey) {
        return rowKey.bitwiseAND(lit(RowKeys.LINE_MASK));
    }

    @Override
    public Task task() {
        DatasetRules rules = rules(spec, canon.value());
        int idAt = spec.fields().indexOf(spec.idField());
        int recordedAt = spec.fields().indexOf(RECORDED_AT);
        int width = READ.size() + rules.columns().size() - 1;
        MessageDigest digest = sha256();
        return r -> {
            Object[] row = new Object[width];
            Object[] canonical = new Object[rules.columns().size()];
            String id = (String) r.value(idAt);
            String recorded = (String) r.value(recordedAt);
            Instant instant = instant(recorded);
            Verdict verdict = rules.apply(r, canonical);
            Verdict early = early(r, id, recorded, instant);
            row[0] = early != null || verdict.isQuarantined() ? r.raw() : null;
            row[1] = id;
            row[2] = recorded;
            row[3] = instant == null ? null : Timestamp.from(instant);
            if (early != null) {
                row[5] = early.status();
                row[6] = early.code();
                row[7] = early.detail();
            } else {
                row[4] = contentHash(digest, r, recordedAt);
                row[8] = verdict.status();
                row[9] = verdict.code();
                row[10] = verdict.detail();
            }
            row[11] = rowKeys.of(r);
            // The first canonical column is the record's id, as read: located() gives it again from record_id.
            System.arraycopy(canonical, 1, row, READ.size(), canonical.length - 1);
            return RowFactory.create(row);
        };
    }

    /** Why the record cannot take part in revisions, or null: unreadable, no id, no valid recorded_at. */
    private Verdict early(RawRecord r, String id, String recorded, Instant instant) {
        if (r.readError() != null) {
            return Verdict.quarantined(MALFORMED_RECORD, r.readError());
        }
        if (id == null) {
            return Verdict.quarantined(MISSING_FIELD, spec.idField() + " is missing");
        }
        if (recorded == null) {
            return Verdict.quarantined(MISSING_FIELD, "recorded_at is missing");
        }
        if (instant == null) {
            return Verdict.quarantined(INVALID_DATE, "recorded_at: '" + recorded
                    + "' is not an ISO-8601 instant like 2025-09-11T08:30:00Z");
        }
        return null;
    }

    /** The instant, to the microsecond (as Spark keeps timestamps), or null when the text is not one. */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = INSTANT.matcher(text);
        if (!m.find()) {
            return null;
        }
        try {
            int nanos = 0;
            if (m.group(7) != null) {
                String digits = (m.group(7) + "00000000").substring(0, 9);
                nanos = Integer.parseInt(digits) / 1000 * 1000;
            }
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            ZoneOffset zone = "Z".equals(m.group(8)) ? ZoneOffset.UTC : ZoneOffset.of(m.group(8));
            return local.toInstant(zone).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * What tied revisions compare: every field but recorded_at (ties share the instant already; its spelling, Z
     * or +05:00, is not content). Each value is written with a tag and its length, so that no two different
     * records (a value moved to the next field, a null for an empty text) write the same bytes. The first 64
     * bits of its SHA-256 are kept: only versions sharing an id and an instant are compared.
     */
    static long contentHash(MessageDigest digest, RawRecord r, int skip) {
        digest.reset();
        ByteBuffer four = ByteBuffer.allocate(4);
        for (int i = 0; r.values() != null && i < r.values().length; i++) {
            if (i == skip) {
                continue;
            }
            Object v = r.value(i);
            if (v == null) {
                digest.update((byte) 0);
            } else if (v instanceof String s) {
                digest.update((byte) 1);
                update(digest, four, s);
            } else {
                String[] items = (String[]) v;
                digest.update((byte) 2);
                digest.update(four.clear().putInt(items.length).array());
                for (String item : items) {
                    update(digest, four, item);
                }
            }
        }
        return ByteBuffer.wrap(digest.digest()).getLong();
    }

    private static void update(MessageDigest digest, ByteBuffer four, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        digest.update(four.clear().putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
