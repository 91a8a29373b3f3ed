package org.coopmetrics.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.try_to_date;
import static org.apache.spark.sql.functions.when;
import static org.coopmetrics.ingest.QuarantineReason.INVALID_DATE;
import static org.coopmetrics.ingest.QuarantineReason.INVALID_NUMBER;
import static org.coopmetrics.ingest.QuarantineReason.INVALID_SOURCE;
import static org.coopmetrics.ingest.QuarantineReason.MISSING_FIELD;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_ENUM;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.coopmetrics.ingest.Ledger;
import org.coopmetrics.ingest.QuarantineReason;

/** Column expressions shared by the normalisers: typed parsing, reference look-ups and the checks on them. */
public final class Rules {
    public static final DecimalType AMOUNT = DataTypes.createDecimalType(24, 6);
    static final String DATE = "^\\d{4}-\\d{2}-\\d{2}$";
    static final String NUMBER = "^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$";
    static final String URL = "^https?://[^\\s/$.?#][^\\s]*$";

    private Rules() {
    }

    /** A yyyy-MM-dd date, or null when absent or not a real day (2025-02-30). */
    public static Column date(String field) {
        return when(col(field).rlike(DATE), try_to_date(col(field), "yyyy-MM-dd"));
    }

    /** A plain decimal number, or null (NaN, Infinity, 1e400 and "12 kg" are not numbers here). */
    public static Column amount(String field) {
        return when(col(field).rlike(NUMBER), col(field).try_cast(AMOUNT));
    }

    /** A literal map from alias (lower case) to canonical value, sorted so plans are stable. */
    public static Column map(Map<String, String> aliases) {
        TreeMap<String, String> sorted = new TreeMap<>(aliases);
        return map_from_arrays(lit(sorted.keySet().toArray(new String[0])),
                lit(sorted.values().toArray(new String[0])));
    }

    /** The canonical value of a text column, matched trimmed and case-insensitively; null if unknown. */
    public static Column lookup(Column map, Column text) {
        return try_element_at(map, lower(trim(text)));
    }

    public static Ledger.Check missing(String field) {
        return Ledger.check(col(field).isNull(), MISSING_FIELD, field + " is missing");
    }

    public static Ledger.Check missingList(String field) {
        return Ledger.check(col(field).isNull().or(size(col(field)).equalTo(0)), MISSING_FIELD,
                field + " is missing or empty");
    }

    public static Ledger.Check invalidDate(String field) {
        return Ledger.check(col(field).isNotNull().and(date(field).isNull()), INVALID_DATE,
                concat(lit(field + ": '"), col(field), lit("' is not a real date like 2025-09-10")));
    }

    public static Ledger.Check invalidNumber(String field) {
        Column written = concat(lit(field + ": '"), col(field));
        Column why = when(col(field).rlike(NUMBER), concat(written,
                        lit("' is too large (at most " + (AMOUNT.precision() - AMOUNT.scale())
                                + " digits before the decimal point)")))
                .otherwise(concat(written, lit("' is not a decimal number")));
        return Ledger.check(col(field).isNotNull().and(amount(field).isNull()), INVALID_NUMBER, why);
    }

    public static Ledger.Check invalidSources() {
        Column bad = filter(col("sources"), s -> s.rlike(URL).unary_$bang());
        return Ledger.check(exists(col("sources"), s -> s.rlike(URL).unary_$bang()), INVALID_SOURCE,
                concat(lit("sources: '"), element_at(bad, 1), lit("' is not an http(s) URL")));
    }

    /** Unknown when the text is present but its look-up ({@code resolved}) found nothing. */
    public static Ledger.Check unknown(String field, String resolved, QuarantineReason reason, String what) {
        return Ledger.check(col(field).isNotNull().and(col(resolved).isNull()), reason,
                concat(lit(field + ": unknown " + what + " '"), col(field), lit("'")));
    }

    /** Unknown when any item of a list column is not in the map; the detail names the first. */
    public static Ledger.Check unknownItem(Column map, String field, QuarantineReason reason, String what) {
        Column unknownItems = filter(col(field), x -> lookup(map, x).isNull());
        return Ledger.check(size(unknownItems).gt(0), reason,
                concat(lit(field + ": unknown " + what + " '"), element_at(unknownItems, 1), lit("'")));
    }

    /** Unknown when the text is present but not one of the contract's values. */
    public static Ledger.Check unknownEnum(String field, List<String> values) {
        return Ledger.check(col(field).isNotNull().and(lower(col(field)).isin(values.toArray()).unary_$bang()),
                UNKNOWN_ENUM, concat(lit(field + ": '"), col(field),
                        lit("' is not one of " + String.join(", ", values))));
    }
}
