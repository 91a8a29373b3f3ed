package org.coopmetrics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.coopmetrics.ingest.QuarantineReason.MALFORMED_RECORD;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Gives the records the reader split into fields their ledger: the dataset, the record id, and the
 * malformed ones (the reader says why) already quarantined.
 */
public final class RecordParser {
    private RecordParser() {
    }

    /**
     * Columns out: dataset, source_file, line, raw, the spec's fields (text, or array of text for lists),
     * record_id, and the ledger columns with malformed records already quarantined.
     */
    public static Dataset<Row> parse(Dataset<Row> raw, DatasetSpec spec) {
        Dataset<Row> rows = raw
                .withColumn("dataset", lit(spec.id()))
                .withColumn("record_id", col(spec.idField()))
                .withColumn(Ledger.STATUS, lit(null).cast(DataTypes.StringType))
                .withColumn(Ledger.REASON, lit(null).cast(DataTypes.StringType))
                .withColumn(Ledger.DETAIL, lit(null).cast(DataTypes.StringType));
        rows = Ledger.quarantine(rows, List.of(
                Ledger.check(col("read_error").isNotNull(), MALFORMED_RECORD, col("read_error"))));
        List<String> columns = new ArrayList<>(List.of("dataset", "source_file", "line", "raw"));
        columns.addAll(spec.fields());
        columns.addAll(List.of("record_id", Ledger.STATUS, Ledger.REASON, Ledger.DETAIL));
        return rows.select(columns.stream().map(c -> col(c)).toArray(Column[]::new));
    }
}
