package org.coopmetrics.normalize;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reference look-ups as broadcast joins. Large vocabularies (about a thousand country names and aliases) as
 * literal maps would be copied into every expression that uses them, and the plans grow until Spark spends
 * its time compiling them; a small broadcast table is the idiomatic form.
 */
public final class Lookups {
    private Lookups() {
    }

    /** A two-column table (alias in lower case, value) from a map. */
    public static Dataset<Row> table(SparkSession spark, Map<String, String> aliases) {
        List<Row> rows = new ArrayList<>();
        new TreeMap<>(aliases).forEach((k, v) -> rows.add(RowFactory.create(k, v)));
        StructType schema = new StructType()
                .add("alias", DataTypes.StringType, false)
                .add("value", DataTypes.StringType, false);
        return spark.createDataFrame(rows, schema);
    }

    /**
     * Adds {@code out}: the value of text column {@code field} in the table (matched trimmed, case-insensitive),
     * null when absent or unknown. Extra table columns come along renamed {@code out_<column>}.
     */
    public static Dataset<Row> resolve(Dataset<Row> rows, Dataset<Row> table, String field, String out) {
        Dataset<Row> renamed = table.withColumnRenamed("alias", out + "_alias").withColumnRenamed("value", out);
        for (String c : table.columns()) {
            if (!c.equals("alias") && !c.equals("value")) {
                renamed = renamed.withColumnRenamed(c, out + "_" + c);
            }
        }
        return rows.join(broadcast(renamed), lower(trim(col(field))).equalTo(col(out + "_alias")), "left")
                .drop(out + "_alias");
    }
}
