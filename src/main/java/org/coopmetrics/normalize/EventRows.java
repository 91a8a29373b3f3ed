package org.coopmetrics.normalize;

import static org.coopmetrics.ingest.QuarantineReason.MALFORMED_RECORD;

import java.util.List;
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
 * Each GDELT event as it is read, made one ledger row by {@link EventRules}: quarantined, out of scope and after
 * the as-of date are settled at once (contract section 6, steps 1 to 3); an event that passes them all is left
 * undecided (status null) for {@link EventRevisions}. The raw text stays only with quarantined rows.
 *
 * <p>Most events of a feed are out of scope (nine in ten of the real sample) and no report shows them: such a row,
 * and one after the as-of date, keeps only what the tallies read (status, reason, {@code DATEADDED}) and where it
 * was read (file, line, row key). The ledger is cached, and the columns it would have carried (id, URL, codes,
 * sectors, numbers, the detail) were most of that cache.
 */
public final class EventRows implements RecordMapper {
    /** The ledger's own columns, before {@link EventRules#COLUMNS}. */
    public static final StructType LEDGER = new StructType()
            .add("dataset", DataTypes.StringType, false)
            .add("source_file", DataTypes.StringType, false)
            .add("line", DataTypes.LongType, true)
            .add("raw", DataTypes.StringType, true)
            .add("record_id", DataTypes.StringType, true)
            .add(Ledger.STATUS, DataTypes.StringType, true)
            .add(Ledger.REASON, DataTypes.StringType, true)
            .add(Ledger.DETAIL, DataTypes.StringType, true)
            .add(CanonicalRows.ROW_KEY, DataTypes.LongType, false);

    private static final int DATE_ADDED = EventRules.COLUMNS.fieldIndex("date_added");

    private final EventRules rules;
    private final RowKeys rowKeys;

    /** For the events' files as listed (their order gives the row keys). */
    public EventRows(EventRules rules, List<String> files) {
        this.rules = rules;
        this.rowKeys = new RowKeys(files);
    }

    @Override
    public StructType schema() {
        StructType schema = LEDGER;
        for (StructField f : EventRules.COLUMNS.fields()) {
            schema = schema.add(f);
        }
        return schema;
    }

    @Override
    public Task task() {
        int width = LEDGER.size() + EventRules.COLUMNS.size();
        int id = DatasetSpec.EVENTS.fields().indexOf(DatasetSpec.EVENTS.idField());
        return r -> {
            Object[] row = new Object[width];
            Object[] canonical = new Object[EventRules.COLUMNS.size()];
            Verdict verdict = r.readError() != null ? Verdict.quarantined(MALFORMED_RECORD, r.readError())
                    : rules.apply(r, canonical);
            row[0] = DatasetSpec.EVENTS.id();
            row[1] = r.file();
            row[2] = r.line();
            row[8] = rowKeys.of(r);
            if (Ledger.OUT_OF_SCOPE.equals(verdict.status()) || Ledger.AFTER_AS_OF.equals(verdict.status())) {
                row[5] = verdict.status();
                row[6] = verdict.code();
                row[LEDGER.size() + DATE_ADDED] = canonical[DATE_ADDED];
                return RowFactory.create(row);
            }
            row[3] = verdict.isQuarantined() ? r.raw() : null;
            row[4] = r.value(id);
            if (!Ledger.ACCEPTED.equals(verdict.status())) { // accepted waits for revisions
                row[5] = verdict.status();
                row[6] = verdict.code();
                row[7] = verdict.detail();
            }
            System.arraycopy(canonical, 0, row, LEDGER.size(), canonical.length);
            return RowFactory.create(row);
        };
    }
}
