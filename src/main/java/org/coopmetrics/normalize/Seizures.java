package org.coopmetrics.normalize;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.try_multiply;
import static org.apache.spark.sql.functions.when;
import static org.coopmetrics.ingest.QuarantineReason.INVALID_DATE;
import static org.coopmetrics.ingest.QuarantineReason.INVALID_NUMBER;
import static org.coopmetrics.ingest.QuarantineReason.MISSING_FIELD;
import static org.coopmetrics.ingest.QuarantineReason.MISSING_MEASURE;
import static org.coopmetrics.ingest.QuarantineReason.NEGATIVE_AMOUNT;
import static org.coopmetrics.ingest.QuarantineReason.NO_FX_RATE;
import static org.coopmetrics.ingest.QuarantineReason.SAME_COUNTRY;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_COUNTRY;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_CURRENCY;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_DRUG;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_SECTOR;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_UNIT;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.coopmetrics.ingest.Ledger;

/**
 * Validates seizures and converts them: mass and volume to kg (1 kg per litre, UNODC's convention), counts
 * kept as counts, values to USD at the rate of the latest date on or before the seizure's date.
 */
public final class Seizures {
    public static final List<String> KINDS = List.of("event", "period_total");
    public static final List<String> ROLES = List.of("joint_operation", "origin", "destination", "transit");
    public static final DecimalType KG = DataTypes.createDecimalType(38, 9);
    public static final DecimalType USD = DataTypes.createDecimalType(20, 2);
    static final DecimalType RATE = DataTypes.createDecimalType(20, 12);
    static final String DEFAULT_SECTOR = "counter_narcotics";

    private Seizures() {
    }

    public static Dataset<Row> normalise(SparkSession spark, Dataset<Row> rows, ReferenceData ref, LocalDate asOf) {
        Dataset<Row> countries = Lookups.table(spark, ref.countries());
        rows = Lookups.resolve(rows, countries, "reporting_country", "_reporting_iso");
        rows = Lookups.resolve(rows, countries, "partner_country", "_partner_iso");
        rows = Lookups.resolve(rows, Lookups.table(spark, ref.sectors()), "sector", "_sector_id");
        rows = Lookups.resolve(rows, Lookups.table(spark, ref.drugs()), "drug", "_drug_id");
        rows = Lookups.resolve(rows, unitTable(spark, ref), "unit", "_unit");
        rows = Lookups.resolve(rows, Lookups.table(spark, ref.currencies().stream()
                .collect(Collectors.toMap(c -> c.toLowerCase(java.util.Locale.ROOT), c -> c))), "currency", "_currency");

        Column isEvent = lower(col("kind")).equalTo("event");
        Column isTotal = lower(col("kind")).equalTo("period_total");
        Column quantity = Rules.amount("quantity");
        Column value = Rules.amount("value");
        Column currency = col("_currency");

        // The rate in force on the seizure's date: a dense (currency, day) table, small enough to broadcast.
        rows = rows.join(broadcast(fxByDay(spark, ref, asOf)),
                currency.equalTo(col("fx_currency")).and(Rules.date("date").equalTo(col("fx_date"))), "left");
        Column usd = round(try_multiply(value, col("fx_rate")), 2).try_cast(USD);
        Column onOrBeforeAsOf = Rules.date("date").leq(lit(asOf.toString()).cast("date"));

        List<Ledger.Check> checks = new ArrayList<>(List.of(
                Rules.missing("kind"), Rules.missing("date"), Rules.missing("reporting_country"),
                Rules.missingList("sources"),
                Ledger.check(isEvent.and(col("drug").isNull()), MISSING_FIELD, "drug is missing (required for an event)"),
                Ledger.check(isTotal.and(col("period_start").isNull()), MISSING_FIELD,
                        "period_start is missing (required for a period_total)"),
                Ledger.check(col("partner_country").isNotNull().and(col("partner_role").isNull()), MISSING_FIELD,
                        "partner_role is missing (required with partner_country)"),
                Ledger.check(col("quantity").isNotNull().and(col("unit").isNull()), MISSING_FIELD,
                        "unit is missing (required with quantity)"),
                Ledger.check(col("value").isNotNull().and(col("currency").isNull()), MISSING_FIELD,
                        "currency is missing (required with value)"),
                Ledger.check(col("quantity").isNull().and(col("value").isNull()), MISSING_MEASURE,
                        "neither quantity nor value is given"),
                Rules.invalidSources(),
                Rules.unknownEnum("kind", KINDS),
                Rules.unknownEnum("partner_role", ROLES),
                Rules.invalidDate("date"),
                Rules.invalidDate("period_start"),
                Ledger.check(Rules.date("period_start").gt(Rules.date("date")), INVALID_DATE,
                        concat(lit("period_start "), col("period_start"), lit(" is after date "), col("date"))),
                Rules.unknown("reporting_country", "_reporting_iso", UNKNOWN_COUNTRY, "country"),
                Rules.unknown("partner_country", "_partner_iso", UNKNOWN_COUNTRY, "country"),
                Ledger.check(col("_reporting_iso").equalTo(col("_partner_iso")), SAME_COUNTRY,
                        concat(lit("reporting_country and partner_country are both "), col("_reporting_iso"))),
                Rules.unknown("sector", "_sector_id", UNKNOWN_SECTOR, "sector"),
                Rules.unknown("drug", "_drug_id", UNKNOWN_DRUG, "drug"),
                Ledger.check(isEvent.and(col("_drug_id").equalTo("mixed")), UNKNOWN_DRUG,
                        "drug: 'mixed' is only for a period_total; an event names its drug"),
                Rules.invalidNumber("quantity"),
                Rules.invalidNumber("value"),
                Ledger.check(quantity.lt(0), NEGATIVE_AMOUNT, concat(lit("quantity is negative: "), col("quantity"))),
                Ledger.check(value.lt(0), NEGATIVE_AMOUNT, concat(lit("value is negative: "), col("value"))),
                Rules.unknown("unit", "_unit", UNKNOWN_UNIT, "unit"),
                Rules.unknown("currency", "_currency", UNKNOWN_CURRENCY, "currency"),
                // A seizure after the as-of date is counted as such, not judged on a rate not yet known.
                Ledger.check(value.isNotNull().and(col("fx_rate").isNull()).and(onOrBeforeAsOf), NO_FX_RATE,
                        concat(lit("no "), currency, lit(" rate on or before "), col("date"))),
                Ledger.check(value.isNotNull().and(usd.isNull()).and(onOrBeforeAsOf), INVALID_NUMBER,
                        concat(lit("value "), col("value"), lit(" in USD does not fit decimal(20,2)")))));
        rows = Ledger.quarantine(rows, checks);

        Column unitKind = col("_unit_kind");
        Column inKg = try_multiply(quantity, col("_unit_factor")).try_cast(KG);
        rows = rows
                .withColumn("kind", lower(col("kind")))
                .withColumn("partner_role", lower(col("partner_role")))
                .withColumn("reporting_country", col("_reporting_iso"))
                .withColumn("partner_country", col("_partner_iso"))
                .withColumn("sector", coalesce(col("_sector_id"), lit(DEFAULT_SECTOR)))
                .withColumn("drug", col("_drug_id"))
                .withColumn("unit", col("_unit"))
                .withColumn("currency", col("_currency"))
                .withColumn("kg", when(unitKind.isin("mass", "volume"), inKg))
                .withColumn("count_units", when(unitKind.equalTo("count"), quantity.try_cast(KG)))
                .withColumn("value_usd", usd)
                .withColumn("date", Rules.date("date"))
                .withColumn("period_start", Rules.date("period_start"))
                .drop("fx_currency", "fx_date", "fx_rate", "_reporting_iso", "_partner_iso", "_sector_id", "_drug_id",
                        "_unit", "_unit_kind", "_unit_factor", "_currency");
        rows = Ledger.settle(rows, col("date").gt(lit(asOf.toString()).cast("date")), Ledger.AFTER_AS_OF);
        return Ledger.settle(rows, lit(true), Ledger.ACCEPTED);
    }

    /** Unit aliases with the canonical unit, its kind and its factor to kg. */
    static Dataset<Row> unitTable(SparkSession spark, ReferenceData ref) {
        List<Row> rows = new ArrayList<>();
        new TreeMap<>(ref.units()).forEach((alias, u) -> rows.add(RowFactory.create(alias, u.id(), u.kind(),
                u.factor())));
        StructType schema = new StructType()
                .add("alias", DataTypes.StringType, false)
                .add("value", DataTypes.StringType, false)
                .add("kind", DataTypes.StringType, false)
                .add("factor", RATE, false);
        return spark.createDataFrame(rows, schema);
    }

    /** For every currency, every day from its first rate to the as-of date, with the rate then in force. */
    static Dataset<Row> fxByDay(SparkSession spark, ReferenceData ref, LocalDate asOf) {
        Map<String, TreeMap<LocalDate, BigDecimal>> byCurrency = new TreeMap<>();
        for (ReferenceData.FxRate r : ref.fxRates()) {
            byCurrency.computeIfAbsent(r.currency(), c -> new TreeMap<>()).put(r.date(), r.usdPerUnit());
        }
        List<Row> days = new ArrayList<>();
        byCurrency.forEach((currency, rates) -> {
            BigDecimal rate = null;
            for (LocalDate d = rates.firstKey(); !d.isAfter(asOf); d = d.plusDays(1)) {
                BigDecimal today = rates.get(d);
                rate = today != null ? today : rate;
                days.add(RowFactory.create(currency, Date.valueOf(d), rate));
            }
        });
        StructType schema = new StructType()
                .add("fx_currency", DataTypes.StringType, false)
                .add("fx_date", DataTypes.DateType, false)
                .add("fx_rate", RATE, false);
        return spark.createDataFrame(days, schema);
    }
}
