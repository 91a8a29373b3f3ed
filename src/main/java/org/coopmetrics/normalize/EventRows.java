package org.coopmetrics.normalize;

import static org.coopmetrics.ingest.QuarantineReason.MALFORMED_RECORD;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Most events of a feed are out of scope (nine in ten of the real sample) and no report shows them: such rows,
 * and those after the as-of date, are folded by the task that reads them into one row per file, status and reason,
 * with their count ({@link Ledger#FOLDED}) and latest {@code DATEADDED}: all the tallies read of them. The ledger
 * is cached; a row per event out of scope made it ten times larger, too large for memory at 10M events
 * (docs/performance.md).
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
            .add(CanonicalRows.ROW_KEY, DataTypes.LongType, false)
            .add(Ledger.FOLDED, DataTypes.LongType, true);

    private static final int DATE_ADDED = EventRules.COLUMNS.fieldIndex("date_added");
    private static final int FOLDED = LEDGER.fieldIndex(Ledger.FOLDED);

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
    public boolean[] fieldsRead() {
        return EventRules.fieldsRead();
    }

    @Override
    public Task task() {
        return new Folding();
    }

    /** A task's rows: one per event, but those out of scope or after the as-of date, folded per file and reason. */
    private final class Folding implements Task {
        private final int width = LEDGER.size() + EventRules.COLUMNS.size();
        private final int id = DatasetSpec.EVENTS.fields().indexOf(DatasetSpec.EVENTS.idField());
        /** By file, status and reason: the row standing for them, its count and latest DATEADDED growing. */
        private final Map<List<String>, Object[]> folded = new LinkedHashMap<>();

        @Override
        public Row row(RawRecord r) {
            Object[] canonical = new Object[EventRules.COLUMNS.size()];
            Verdict verdict = r.readError() != null ? Verdict.quarantined(MALFORMED_RECORD, r.readError())
                    : rules.apply(r, canonical);
            if (Ledger.OUT_OF_SCOPE.equals(verdict.status()) || Ledger.AFTER_AS_OF.equals(verdict.status())) {
                fold(r, verdict, (Timestamp) canonical[DATE_ADDED]);
                return null;
            }
            Object[] row = new Object[width];
            row[0] = DatasetSpec.EVENTS.id();
            row[1] = r.file();
            row[2] = r.line();
            row[3] = verdict.isQuarantined() ? r.raw() : null;
            row[4] = r.value(id);
            if (!Ledger.ACCEPTED.equals(verdict.status())) { // accepted waits for revisions
                row[5] = verdict.status();
                row[6] = verdict.code();
                row[7] = verdict.detail();
            }
            row[8] = rowKeys.of(r);
            System.arraycopy(canonical, 0, row, LEDGER.size(), canonical.length);
            return RowFactory.create(row);
        }

        /**
         * Counts the event in its file's row for its status and reason, which keeps the latest DATEADDED (valid
         * here: a row with an invalid one is quarantined) for the watermark. The row has no line; its row key is
         * its file's with line 0, which no event has (it is settled, so no revision looks it up).
         */
        private void fold(RawRecord r, Verdict verdict, Timestamp added) {
            Object[] row = folded.computeIfAbsent(Arrays.asList(r.file(), verdict.status(), verdict.code()), k -> {
                Object[] fresh = new Object[width];
                fresh[0] = DatasetSpec.EVENTS.id();
                fresh[1] = r.file();
                fresh[5] = verdict.status();
                fresh[6] = verdict.code();
                fresh[8] = rowKeys.ofFile(r.file());
                fresh[FOLDED] = 0L;
                return fresh;
            });
            row[FOLDED] = (Long) row[FOLDED] + 1;
            Timestamp latest = (Timestamp) row[LEDGER.size() + DATE_ADDED];
            if (added != null && (latest == null || added.after(latest))) {
                row[LEDGER.size() + DATE_ADDED] = added;
            }
        }

        @Override
        public List<Row> folded() {
            return folded.values().stream().map(RowFactory::create).toList();
        }
    }
}
