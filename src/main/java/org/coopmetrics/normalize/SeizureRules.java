package org.coopmetrics.normalize;

import static org.coopmetrics.ingest.QuarantineReason.INVALID_DATE;
import static org.coopmetrics.ingest.QuarantineReason.INVALID_NUMBER;
import static org.coopmetrics.ingest.QuarantineReason.INVALID_SOURCE;
import static org.coopmetrics.ingest.QuarantineReason.MISSING_FIELD;
import static org.coopmetrics.ingest.QuarantineReason.MISSING_MEASURE;
import static org.coopmetrics.ingest.QuarantineReason.NEGATIVE_AMOUNT;
import static org.coopmetrics.ingest.QuarantineReason.NO_FX_RATE;
import static org.coopmetrics.ingest.QuarantineReason.SAME_COUNTRY;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_COUNTRY;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_CURRENCY;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_DRUG;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_ENUM;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_SECTOR;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_UNIT;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.RawRecord;

/**
 * Seizures, converted: mass and volume to kg (1 kg per litre, UNODC's convention), counts kept as counts, values
 * to USD at the rate of the latest date on or before the seizure's date.
 */
public final class SeizureRules implements DatasetRules {
    public static final List<String> KINDS = List.of("event", "period_total");
    public static final List<String> ROLES = List.of("joint_operation", "origin", "destination", "transit");
    public static final DecimalType KG = DataTypes.createDecimalType(38, 9);
    public static final DecimalType USD = DataTypes.createDecimalType(20, 2);
    static final String DEFAULT_SECTOR = "counter_narcotics";
    /**
     * A product of an amount (decimal(24,6)) and a rate (decimal(20,12)) is held as decimal(38,11), as Spark's
     * decimal multiplication holds it, before it is rounded to the result's type.
     */
    private static final int PRODUCT_PRECISION = 38;
    private static final int PRODUCT_SCALE = 11;

    public static final StructType COLUMNS = new StructType()
            .add("seizure_id", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("date", DataTypes.DateType)
            .add("period_start", DataTypes.DateType)
            .add("reporting_country", DataTypes.StringType)
            .add("partner_country", DataTypes.StringType)
            .add("partner_role", DataTypes.StringType)
            .add("sector", DataTypes.StringType)
            .add("drug", DataTypes.StringType)
            .add("unit", DataTypes.StringType)
            .add("currency", DataTypes.StringType)
            .add("kg", KG)
            .add("count_units", KG)
            .add("value_usd", USD)
            .add("sources", DataTypes.createArrayType(DataTypes.StringType, false));

    /** A seizure as read, with its look-ups and conversions. */
    static final class Seizure {
        String kind;
        boolean isEvent;
        boolean isTotal;
        String dateText;
        LocalDate date;
        String periodStartText;
        LocalDate periodStart;
        String reportingCountry;
        String reportingIso;
        String partnerCountry;
        String partnerIso;
        String partnerRole;
        String sector;
        String sectorId;
        String drug;
        String drugId;
        String quantityText;
        BigDecimal quantity;
        String unit;
        ReferenceData.Unit unitDef;
        String valueText;
        BigDecimal value;
        String currency;
        String currencyIso;
        BigDecimal rate;
        BigDecimal usd;
        boolean onOrBeforeAsOf;
        String[] sources;
    }

    static final List<Rule<Seizure>> RULES = List.of(
            Rule.of(MISSING_FIELD, s -> Checks.missing("kind", s.kind)),
            Rule.of(MISSING_FIELD, s -> Checks.missing("date", s.dateText)),
            Rule.of(MISSING_FIELD, s -> Checks.missing("reporting_country", s.reportingCountry)),
            Rule.of(MISSING_FIELD, s -> Checks.missingList("sources", s.sources)),
            Rule.of(MISSING_FIELD, s -> s.isEvent && s.drug == null ? "drug is missing (required for an event)" : null),
            Rule.of(MISSING_FIELD, s -> s.isTotal && s.periodStartText == null
                    ? "period_start is missing (required for a period_total)" : null),
            Rule.of(MISSING_FIELD, s -> s.partnerCountry != null && s.partnerRole == null
                    ? "partner_role is missing (required with partner_country)" : null),
            Rule.of(MISSING_FIELD, s -> s.quantityText != null && s.unit == null
                    ? "unit is missing (required with quantity)" : null),
            Rule.of(MISSING_FIELD, s -> s.valueText != null && s.currency == null
                    ? "currency is missing (required with value)" : null),
            Rule.of(MISSING_MEASURE, s -> s.quantityText == null && s.valueText == null
                    ? "neither quantity nor value is given" : null),
            Rule.of(INVALID_SOURCE, s -> Checks.nonUrl(s.sources)),
            Rule.of(UNKNOWN_ENUM, s -> Checks.unknownEnum("kind", s.kind, KINDS)),
            Rule.of(UNKNOWN_ENUM, s -> Checks.unknownEnum("partner_role", s.partnerRole, ROLES)),
            Rule.of(INVALID_DATE, s -> Checks.invalidDate("date", s.dateText, s.date)),
            Rule.of(INVALID_DATE, s -> Checks.invalidDate("period_start", s.periodStartText, s.periodStart)),
            Rule.of(INVALID_DATE, s -> s.periodStart != null && s.date != null && s.periodStart.isAfter(s.date)
                    ? "period_start " + s.periodStartText + " is after date " + s.dateText : null),
            Rule.of(UNKNOWN_COUNTRY, s -> Checks.unknown("reporting_country", s.reportingCountry, s.reportingIso,
                    "country")),
            Rule.of(UNKNOWN_COUNTRY, s -> Checks.unknown("partner_country", s.partnerCountry, s.partnerIso, "country")),
            Rule.of(SAME_COUNTRY, s -> s.reportingIso != null && s.reportingIso.equals(s.partnerIso)
                    ? "reporting_country and partner_country are both " + s.reportingIso : null),
            Rule.of(UNKNOWN_SECTOR, s -> Checks.unknown("sector", s.sector, s.sectorId, "sector")),
            Rule.of(UNKNOWN_DRUG, s -> Checks.unknown("drug", s.drug, s.drugId, "drug")),
            Rule.of(UNKNOWN_DRUG, s -> s.isEvent && "mixed".equals(s.drugId)
                    ? "drug: 'mixed' is only for a period_total; an event names its drug" : null),
            Rule.of(INVALID_NUMBER, s -> Checks.invalidNumber("quantity", s.quantityText, s.quantity)),
            Rule.of(INVALID_NUMBER, s -> Checks.invalidNumber("value", s.valueText, s.value)),
            Rule.of(NEGATIVE_AMOUNT, s -> s.quantity != null && s.quantity.signum() < 0
                    ? "quantity is negative: " + s.quantityText : null),
            Rule.of(NEGATIVE_AMOUNT, s -> s.value != null && s.value.signum() < 0
                    ? "value is negative: " + s.valueText : null),
            Rule.of(UNKNOWN_UNIT, s -> Checks.unknown("unit", s.unit, s.unitDef, "unit")),
            Rule.of(UNKNOWN_CURRENCY, s -> Checks.unknown("currency", s.currency, s.currencyIso, "currency")),
            // A seizure after the as-of date is counted as such, not judged on a rate not yet known.
            Rule.of(NO_FX_RATE, s -> s.value != null && s.rate == null && s.onOrBeforeAsOf
                    ? "no " + s.currencyIso + " rate on or before " + s.dateText : null),
            Rule.of(INVALID_NUMBER, s -> s.value != null && s.usd == null && s.onOrBeforeAsOf
                    ? "value " + s.valueText + " in USD does not fit decimal(20,2)" : null));

    private final Canon canon;
    private final int id;
    private final int kind;
    private final int date;
    private final int periodStart;
    private final int reportingCountry;
    private final int partnerCountry;
    private final int partnerRole;
    private final int sector;
    private final int drug;
    private final int quantity;
    private final int unit;
    private final int value;
    private final int currency;
    private final int sources;

    public SeizureRules(Canon canon) {
        this.canon = canon;
        List<String> f = DatasetSpec.SEIZURES.fields();
        id = f.indexOf("seizure_id");
        kind = f.indexOf("kind");
        date = f.indexOf("date");
        periodStart = f.indexOf("period_start");
        reportingCountry = f.indexOf("reporting_country");
        partnerCountry = f.indexOf("partner_country");
        partnerRole = f.indexOf("partner_role");
        sector = f.indexOf("sector");
        drug = f.indexOf("drug");
        quantity = f.indexOf("quantity");
        unit = f.indexOf("unit");
        value = f.indexOf("value");
        currency = f.indexOf("currency");
        sources = f.indexOf("sources");
    }

    @Override
    public StructType columns() {
        return COLUMNS;
    }

    @Override
    public Verdict apply(RawRecord r, Object[] out) {
        Seizure s = new Seizure();
        s.kind = (String) r.value(kind);
        String kindLower = Values.lower(s.kind);
        s.isEvent = "event".equals(kindLower);
        s.isTotal = "period_total".equals(kindLower);
        s.dateText = (String) r.value(date);
        s.date = Values.date(s.dateText);
        s.periodStartText = (String) r.value(periodStart);
        s.periodStart = Values.date(s.periodStartText);
        s.reportingCountry = (String) r.value(reportingCountry);
        s.reportingIso = Values.lookup(canon.countries(), s.reportingCountry);
        s.partnerCountry = (String) r.value(partnerCountry);
        s.partnerIso = Values.lookup(canon.countries(), s.partnerCountry);
        s.partnerRole = (String) r.value(partnerRole);
        s.sector = (String) r.value(sector);
        s.sectorId = Values.lookup(canon.sectors(), s.sector);
        s.drug = (String) r.value(drug);
        s.drugId = Values.lookup(canon.drugs(), s.drug);
        s.quantityText = (String) r.value(quantity);
        s.quantity = Values.amount(s.quantityText);
        s.unit = (String) r.value(unit);
        s.unitDef = Values.lookup(canon.units(), s.unit);
        s.valueText = (String) r.value(value);
        s.value = Values.amount(s.valueText);
        s.currency = (String) r.value(currency);
        s.currencyIso = Values.lookup(canon.currencies(), s.currency);
        s.rate = canon.rate(s.currencyIso, s.date);
        s.usd = usd(s.value, s.rate);
        s.onOrBeforeAsOf = s.date != null && !s.date.isAfter(canon.asOf());
        s.sources = (String[]) r.value(sources);

        out[0] = r.value(id);
        out[1] = kindLower;
        out[2] = s.date;
        out[3] = s.periodStart;
        out[4] = s.reportingIso;
        out[5] = s.partnerIso;
        out[6] = Values.lower(s.partnerRole);
        out[7] = s.sectorId != null ? s.sectorId : DEFAULT_SECTOR;
        out[8] = s.drugId;
        out[9] = s.unitDef == null ? null : s.unitDef.id();
        out[10] = s.currencyIso;
        String unitKind = s.unitDef == null ? null : s.unitDef.kind();
        out[11] = "mass".equals(unitKind) || "volume".equals(unitKind)
                ? Values.fit(product(s.quantity, s.unitDef.factor()), KG.precision(), KG.scale()) : null;
        out[12] = "count".equals(unitKind) ? Values.fit(s.quantity, KG.precision(), KG.scale()) : null;
        out[13] = s.usd;
        out[14] = Values.distinct(s.sources);

        return Rule.verdict(RULES, s, s.date, canon.asOf());
    }

    /** The value in USD to the cent, or null (no value, no rate, or too large for decimal(20,2)). */
    static BigDecimal usd(BigDecimal value, BigDecimal rate) {
        return Values.fit(product(value, rate), USD.precision(), USD.scale());
    }

    /** An amount times a rate as decimal(38,11), or null when either is absent or the product does not fit. */
    static BigDecimal product(BigDecimal amount, BigDecimal rate) {
        if (amount == null || rate == null) {
            return null;
        }
        return Values.fit(amount.multiply(rate), PRODUCT_PRECISION, PRODUCT_SCALE);
    }
}
