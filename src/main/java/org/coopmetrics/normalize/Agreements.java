package org.coopmetrics.normalize;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.coopmetrics.ingest.QuarantineReason.INCONSISTENT_LIFECYCLE;
import static org.coopmetrics.ingest.QuarantineReason.MISSING_FIELD;
import static org.coopmetrics.ingest.QuarantineReason.TOO_FEW_PARTIES;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_COUNTRY;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_SECTOR;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.coopmetrics.ingest.Ledger;

/** Validates agreements: parties, sectors, type and a lifecycle whose dates never go backwards. */
public final class Agreements {
    public static final List<String> TYPES = List.of("joint_working_group", "mou", "treaty", "extradition_treaty",
            "mutual_legal_assistance", "liaison_post", "action_plan", "other");
    public static final List<String> LIFECYCLE = List.of("announced_on", "signed_on", "in_force_on", "ended_on");

    private Agreements() {
    }

    public static Dataset<Row> normalise(Dataset<Row> rows, ReferenceData ref, LocalDate asOf) {
        Column sectors = Rules.map(ref.sectors());
        rows = resolveParties(rows, Lookups.table(rows.sparkSession(), ref.countries()));
        List<Ledger.Check> checks = new ArrayList<>(List.of(
                Rules.missing("type"), Rules.missing("title"), Rules.missingList("parties"),
                Rules.missingList("sectors"), Rules.missingList("sources"),
                Ledger.check(col("announced_on").isNull().and(col("signed_on").isNull()), MISSING_FIELD,
                        "announced_on or signed_on is required"),
                Rules.invalidSources(),
                Rules.unknownEnum("type", TYPES)));
        LIFECYCLE.forEach(f -> checks.add(Rules.invalidDate(f)));
        checks.add(Ledger.check(col("_unknown_party").isNotNull(), UNKNOWN_COUNTRY,
                concat(lit("parties: unknown country '"), col("_unknown_party"), lit("'"))));
        Column parties = col("_parties_iso");
        checks.add(Ledger.check(size(parties).lt(2), TOO_FEW_PARTIES,
                concat_ws("", lit("parties: needs two distinct countries, got "),
                        concat_ws(", ", parties))));
        checks.add(Rules.unknownItem(sectors, "sectors", UNKNOWN_SECTOR, "sector"));
        checks.add(lifecycleOrder());
        rows = Ledger.quarantine(rows, checks);

        rows = rows.withColumn("type", lower(col("type")))
                .withColumn("parties", parties)
                .drop("_parties_iso", "_unknown_party")
                .withColumn("sectors", array_sort(array_distinct(transform(col("sectors"),
                        s -> Rules.lookup(sectors, s)))));
        for (String f : LIFECYCLE) {
            rows = rows.withColumn(f, Rules.date(f));
        }
        rows = Ledger.settle(rows, coalesce(col("announced_on"), col("signed_on"))
                .gt(lit(asOf.toString()).cast("date")), Ledger.AFTER_AS_OF);
        return Ledger.settle(rows, lit(true), Ledger.ACCEPTED);
    }

    /**
     * Adds {@code _parties_iso} (sorted distinct alpha-3 codes) and {@code _unknown_party} (the first party not
     * found), by exploding the list against the broadcast country table and gathering it back per input row.
     */
    static Dataset<Row> resolveParties(Dataset<Row> rows, Dataset<Row> countries) {
        Dataset<Row> items = rows.filter(col("parties").isNotNull())
                .select(col("source_file").as("_file"), col("line").as("_line"),
                        posexplode(col("parties")).as(new String[] {"_pos", "_party"}));
        items = Lookups.resolve(items, countries, "_party", "_iso");
        Dataset<Row> perRow = items.groupBy("_file", "_line").agg(
                array_sort(array_distinct(collect_list(col("_iso")))).as("_parties_iso"),
                min(when(col("_iso").isNull(), struct(col("_pos"), col("_party")))).getField("_party")
                        .as("_unknown_party"));
        return rows.join(perRow, col("source_file").equalTo(col("_file")).and(col("line").equalTo(col("_line"))),
                "left").drop("_file", "_line");
    }

    /** announced_on <= signed_on <= in_force_on <= ended_on, over the dates present. */
    private static Ledger.Check lifecycleOrder() {
        Column failed = lit(false);
        Column detail = lit(null).cast("string");
        for (int i = 0; i < LIFECYCLE.size(); i++) {
            for (int j = i + 1; j < LIFECYCLE.size(); j++) {
                String earlier = LIFECYCLE.get(i);
                String later = LIFECYCLE.get(j);
                Column wrong = Rules.date(later).lt(Rules.date(earlier));
                failed = failed.or(coalesce(wrong, lit(false)));
                detail = coalesce(detail, when(wrong,
                        concat_ws("", lit(later + " "), col(later), lit(" precedes " + earlier + " "),
                                col(earlier))));
            }
        }
        return Ledger.check(failed, INCONSISTENT_LIFECYCLE, detail);
    }
}
