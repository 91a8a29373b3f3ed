package org.coopmetrics.normalize;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.transform;
import static org.coopmetrics.ingest.QuarantineReason.SAME_COUNTRY;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_COUNTRY;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_SECTOR;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.coopmetrics.ingest.Ledger;

/** Validates statements and maps them to canonical countries, sectors and kinds. */
public final class Statements {
    public static final List<String> KINDS = List.of("intent", "consultation", "praise", "appeal", "criticism");

    private Statements() {
    }

    public static Dataset<Row> normalise(Dataset<Row> rows, ReferenceData ref, LocalDate asOf) {
        Dataset<Row> countries = Lookups.table(rows.sparkSession(), ref.countries());
        Column sectors = Rules.map(ref.sectors());
        rows = Lookups.resolve(rows, countries, "speaker_country", "_speaker_iso");
        rows = Lookups.resolve(rows, countries, "counterpart_country", "_counterpart_iso");
        rows = Ledger.quarantine(rows, List.of(
                Rules.missing("date"), Rules.missing("speaker"), Rules.missing("speaker_country"),
                Rules.missing("counterpart_country"), Rules.missingList("sectors"), Rules.missing("kind"),
                Rules.missingList("sources"),
                Rules.invalidSources(),
                Rules.invalidDate("date"),
                Rules.unknown("speaker_country", "_speaker_iso", UNKNOWN_COUNTRY, "country"),
                Rules.unknown("counterpart_country", "_counterpart_iso", UNKNOWN_COUNTRY, "country"),
                Ledger.check(col("_speaker_iso").equalTo(col("_counterpart_iso")), SAME_COUNTRY,
                        concat(lit("speaker_country and counterpart_country are both "), col("_speaker_iso"))),
                Rules.unknownItem(sectors, "sectors", UNKNOWN_SECTOR, "sector"),
                Rules.unknownEnum("kind", KINDS)));
        rows = rows
                .withColumn("date", Rules.date("date"))
                .withColumn("speaker_key", lower(regexp_replace(col("speaker"), "\\s+", " ")))
                .withColumn("speaker_country", col("_speaker_iso"))
                .withColumn("counterpart_country", col("_counterpart_iso"))
                .withColumn("sectors", array_sort(array_distinct(transform(col("sectors"),
                        s -> Rules.lookup(sectors, s)))))
                .withColumn("kind", lower(col("kind")))
                .drop("_speaker_iso", "_counterpart_iso");
        rows = Ledger.settle(rows, col("date").gt(lit(asOf.toString()).cast("date")), Ledger.AFTER_AS_OF);
        return Ledger.settle(rows, lit(true), Ledger.ACCEPTED);
    }
}
