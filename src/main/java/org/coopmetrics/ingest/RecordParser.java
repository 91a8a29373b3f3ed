package org.coopmetrics.ingest;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Turns raw records into one text column per curated field, whatever the file format: JSON Lines through
 * {@code from_json} with an all-text schema (so a wrong type becomes a precise field error later, not a lost
 * record), CSV from the cells the reader split. Lists become arrays of trimmed, non-empty text.
 */
public final class RecordParser {
    private static final String CORRUPT = "_corrupt_record";

    private RecordParser() {
    }

    /** The schema JSON lines are read with: every field as text (a JSON array arrives as its JSON text). */
    public static StructType jsonSchema(DatasetSpec spec) {
        StructType schema = new StructType();
        for (String f : spec.fields()) {
            schema = schema.add(f, DataTypes.StringType, true);
        }
        return schema.add(CORRUPT, DataTypes.StringType, true);
    }

    /**
     * Columns out: dataset, source_file, line, raw, the spec's fields (text, or array of text for lists),
     * record_id, and the ledger columns with malformed records already quarantined.
     */
    public static Dataset<Row> parse(Dataset<Row> raw, DatasetSpec spec) {
        Column json = from_json(col("raw"), jsonSchema(spec),
                Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT));
        Dataset<Row> rows = raw.withColumn("_json", when(col("format").equalTo("jsonl"), json));

        List<Column> out = new ArrayList<>(List.of(lit(spec.id()).as("dataset"), col("source_file"), col("line"),
                col("raw"), col("format"), col("read_error"), col("_json." + CORRUPT).as("_corrupt")));
        List<Ledger.Check> listErrors = new ArrayList<>();
        for (int i = 0; i < spec.fields().size(); i++) {
            String f = spec.fields().get(i);
            Column text = when(col("format").equalTo("csv"), element_at(col("csv_fields"), i + 1))
                    .otherwise(col("_json.`" + f + "`"));
            if (spec.isList(f)) {
                out.add(text.as("_text_" + f));
            } else {
                out.add(blankToNull(trim(text)).as(f));
            }
        }
        rows = rows.select(out.toArray(Column[]::new));

        for (String f : spec.fields()) {
            if (!spec.isList(f)) {
                continue;
            }
            Column text = col("_text_" + f);
            Column jsonArray = from_json(text, DataTypes.createArrayType(DataTypes.StringType),
                    Map.of("mode", "PERMISSIVE"));
            Column items = when(col("format").equalTo("csv"), split(text, ";")).otherwise(jsonArray);
            Column cleaned = array_distinct(filter(transform(items, x -> trim(x)),
                    x -> x.isNotNull().and(length(x).gt(0))));
            rows = rows.withColumn(f, when(text.isNull(), lit(null)).otherwise(cleaned));
            listErrors.add(Ledger.check(text.isNotNull().and(col("format").equalTo("jsonl")).and(jsonArray.isNull()),
                    "malformed_record", concat(lit(f + ": expected a JSON array of strings, got "), text)));
        }

        rows = rows.withColumn("record_id", col(spec.idField()))
                .withColumn(Ledger.STATUS, lit(null).cast(DataTypes.StringType))
                .withColumn(Ledger.REASON, lit(null).cast(DataTypes.StringType))
                .withColumn(Ledger.DETAIL, lit(null).cast(DataTypes.StringType));

        List<Ledger.Check> checks = new ArrayList<>();
        checks.add(Ledger.check(col("read_error").isNotNull(), "malformed_record", col("read_error")));
        checks.add(Ledger.check(col("format").equalTo("jsonl").and(col("_corrupt").isNotNull()),
                "malformed_record", "not a JSON object (each line of a .jsonl file must be one JSON object)"));
        checks.addAll(listErrors);
        rows = Ledger.quarantine(rows, checks);

        List<String> drop = new ArrayList<>(List.of("format", "read_error", "_corrupt"));
        spec.fields().stream().filter(spec::isList).forEach(f -> drop.add("_text_" + f));
        return rows.drop(drop.toArray(String[]::new));
    }

    static Column blankToNull(Column c) {
        return when(length(c).gt(0), c);
    }
}
