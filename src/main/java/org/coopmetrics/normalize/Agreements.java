package org.coopmetrics.normalize;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.transform;

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
        Column countries = Rules.map(ref.countries());
        Column sectors = Rules.map(ref.sectors());
        List<Ledger.Check> checks = new ArrayList<>(List.of(
                Rules.missing("type"), Rules.missing("title"), Rules.missingList("parties"),
                Rules.missingList("sectors"), Rules.missingList("sources"),
                Ledger.check(col("announced_on").isNull().and(col("signed_on").isNull()), "missing_field",
                        "announced_on or signed_on is required"),
                Rules.invalidSources(),
                Rules.unknownEnum("type", TYPES)));
        LIFECYCLE.forEach(f -> checks.add(Rules.invalidDate(f)));
        checks.add(Rules.unknownItem(countries, "parties", "unknown_country", "country"));
        Column parties = array_sort(array_distinct(transform(col("parties"), p -> Rules.lookup(countries, p))));
        checks.add(Ledger.check(size(parties).lt(2), "too_few_parties",
                concat_ws("", lit("parties: needs two distinct countries, got "),
                        concat_ws(", ", parties))));
        checks.add(Rules.unknownItem(sectors, "sectors", "unknown_sector", "sector"));
        checks.add(lifecycleOrder());
        rows = Ledger.quarantine(rows, checks);

        rows = rows.withColumn("type", lower(col("type")))
                .withColumn("parties", parties)
                .withColumn("sectors", array_sort(array_distinct(transform(col("sectors"),
                        s -> Rules.lookup(sectors, s)))));
        for (String f : LIFECYCLE) {
            rows = rows.withColumn(f, Rules.date(f));
        }
        rows = Ledger.settle(rows, coalesce(col("announced_on"), col("signed_on"))
                .gt(lit(asOf.toString()).cast("date")), Ledger.AFTER_AS_OF);
        return Ledger.settle(rows, lit(true), Ledger.ACCEPTED);
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
                failed = failed.or(org.apache.spark.sql.functions.coalesce(wrong, lit(false)));
                detail = coalesce(detail, org.apache.spark.sql.functions.when(wrong,
                        concat_ws("", lit(later + " "), col(later), lit(" precedes " + earlier + " "),
                                col(earlier))));
            }
        }
        return Ledger.check(failed, "inconsistent_lifecycle", detail);
    }
}
