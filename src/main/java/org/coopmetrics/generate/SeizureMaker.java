package org.coopmetrics.generate;

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
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_ENUM;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_SECTOR;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_UNIT;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.QuarantineReason;

/** Seizure events (most with a partner country) and agencies' period totals, in every unit and currency. */
final class SeizureMaker extends Maker {
    private static final DatasetSpec S = DatasetSpec.SEIZURES;
    private static final int KIND = Record.index(S, "kind");
    private static final int DATE = Record.index(S, "date");
    private static final int PERIOD_START = Record.index(S, "period_start");
    private static final int REPORTING = Record.index(S, "reporting_country");
    private static final int PARTNER = Record.index(S, "partner_country");
    private static final int ROLE = Record.index(S, "partner_role");
    private static final int AGENCY = Record.index(S, "agency");
    private static final int SECTOR = Record.index(S, "sector");
    private static final int DRUG = Record.index(S, "drug");
    private static final int QUANTITY = Record.index(S, "quantity");
    private static final int UNIT = Record.index(S, "unit");
    private static final int VALUE = Record.index(S, "value");
    private static final int CURRENCY = Record.index(S, "currency");
    private static final int[] TOTAL_MONTHS = {1, 3, 6, 12};

    SeizureMaker(Vocabulary vocabulary) {
        super(S, vocabulary);
    }

    @Override
    String prefix() {
        return "sz-";
    }

    @Override
    Record make(SplittableRandom r, String recordId) {
        Record rec = new Record(S);
        boolean event = r.nextInt(100) < 94;
        int[] pair = vocabulary.pairs[vocabulary.pairRank.next(r)];
        boolean flip = r.nextBoolean();
        rec.countryA = flip ? pair[1] : pair[0];
        rec.countryB = flip ? pair[0] : pair[1];
        boolean partner = r.nextInt(100) < (event ? 75 : 30);
        long day = Vocabulary.randomDay(r);
        rec.values[id] = recordId;
        if (event) {
            rec.values[KIND] = "event";
            rec.values[DATE] = Vocabulary.day(day);
        } else {
            // An agency's total for the month, quarter, half-year or year ending on the date.
            LocalDate end = LocalDate.ofEpochDay(day);
            end = end.withDayOfMonth(end.lengthOfMonth());
            if (end.toEpochDay() > Vocabulary.lastEpochDay()) {
                end = Vocabulary.LAST_DAY;
            }
            LocalDate start = end.withDayOfMonth(1).minusMonths(TOTAL_MONTHS[r.nextInt(TOTAL_MONTHS.length)] - 1);
            rec.values[KIND] = "period_total";
            rec.values[DATE] = Vocabulary.day(end.toEpochDay());
            rec.values[PERIOD_START] = Vocabulary.day(start.toEpochDay());
            day = end.toEpochDay();
        }
        rec.values[REPORTING] = Vocabulary.spell(rec.countryA, r);
        if (partner) {
            rec.values[PARTNER] = Vocabulary.spell(rec.countryB, r);
            rec.values[ROLE] = Vocabulary.ROLES[vocabulary.roles.next(r)];
        }
        rec.values[AGENCY] = r.nextInt(100) < 80 ? Vocabulary.pick(Vocabulary.AGENCIES, r) : null;
        rec.values[SECTOR] = r.nextInt(100) < 50 ? null
                : Vocabulary.spellSector(vocabulary.seizureSectorRank.next(r), r);
        int drug = vocabulary.drugRank.next(r);
        if (event || r.nextInt(100) < 40) {
            String[] forms = Vocabulary.DRUGS[drug];
            rec.values[DRUG] = forms.length > 1 && r.nextInt(100) < 10 ? forms[1 + r.nextInt(forms.length - 1)]
                    : forms[0];
        } else {
            rec.values[DRUG] = r.nextInt(100) < 80 ? "mixed" : "all drugs";
        }

        int measure = r.nextInt(100);
        if (measure < 90) {
            quantity(rec, r, event ? Vocabulary.DRUG_UNIT_FAMILY[drug] : 0, event ? 1 : 40);
        }
        if (measure >= 70) {
            int c = vocabulary.currencies.next(r);
            double usd = (event ? 150_000 : 8_000_000) * Vocabulary.lognormal(r);
            long cents = Math.max(1, Math.round(usd / Vocabulary.USD_PER_UNIT_2018[c] * 100));
            if (cents > 100_000_000) {
                cents -= cents % 100; // large sums are reported in whole units
            }
            rec.valueCents = cents;
            rec.values[VALUE] = new Record.Num(cents(cents));
            rec.values[CURRENCY] = Vocabulary.CURRENCIES[c];
        }
        rec.values[sources] = sourceUrls(r, recordId, day);
        rec.recordedAt = recordedAfter(day, r);
        return rec;
    }

    /** A quantity in a unit of the given family (0 mass, 1 volume, 2 count), sometimes spelled by alias. */
    private void quantity(Record rec, SplittableRandom r, int family, int scale) {
        String[][] units;
        double[] medians;
        int u;
        switch (family) {
            case 1 -> {
                units = Vocabulary.VOLUME_UNITS;
                medians = Vocabulary.VOLUME_MEDIANS;
                u = vocabulary.volumeUnits.next(r);
            }
            case 2 -> {
                units = Vocabulary.COUNT_UNITS;
                medians = Vocabulary.COUNT_MEDIANS;
                u = vocabulary.countUnits.next(r);
            }
            default -> {
                units = Vocabulary.MASS_UNITS;
                medians = Vocabulary.MASS_MEDIANS;
                u = vocabulary.massUnits.next(r);
            }
        }
        long milli = Math.max(1, Math.round(medians[u] * scale * Vocabulary.lognormal(r) * 1000));
        if (family == 2 || milli > 10_000_000) {
            milli = Math.max(1000, milli - milli % 1000); // counts and large amounts are whole numbers
        }
        rec.quantityMilli = milli;
        rec.values[QUANTITY] = new Record.Num(milli(milli));
        rec.values[UNIT] = r.nextInt(100) < 85 ? units[u][0] : units[u][1 + r.nextInt(units[u].length - 1)];
    }

    @Override
    void revise(Record rec, SplittableRandom r) {
        if (r.nextInt(100) < 70) {
            if (rec.quantityMilli > 0) {
                long changed = Math.max(1, Math.round(rec.quantityMilli * (0.5 + r.nextDouble())));
                rec.quantityMilli = changed == rec.quantityMilli ? changed + 1 : changed;
                rec.values[QUANTITY] = new Record.Num(milli(rec.quantityMilli));
            } else {
                rec.valueCents = rec.valueCents + 100 + r.nextInt(1_000_000);
                rec.values[VALUE] = new Record.Num(cents(rec.valueCents));
            }
        } else {
            rec.add(sources, "https://" + Vocabulary.pick(Vocabulary.DOMAINS, r) + "/seizures/update/"
                    + rec.text(id));
        }
    }

    @Override
    QuarantineReason[] reasons() {
        return new QuarantineReason[] {MISSING_FIELD, MISSING_MEASURE, INVALID_DATE, UNKNOWN_COUNTRY, SAME_COUNTRY,
                UNKNOWN_ENUM, UNKNOWN_SECTOR, UNKNOWN_DRUG, INVALID_NUMBER, NEGATIVE_AMOUNT,
                UNKNOWN_UNIT, UNKNOWN_CURRENCY, NO_FX_RATE};
    }

    @Override
    void spoil(Record rec, QuarantineReason reason, SplittableRandom r) {
        switch (reason) {
            case MISSING_FIELD -> {
                rec.values[PARTNER] = Vocabulary.spell(rec.countryB, r);
                rec.values[ROLE] = null;
            }
            case MISSING_MEASURE -> {
                rec.values[QUANTITY] = null;
                rec.values[UNIT] = null;
                rec.values[VALUE] = null;
                rec.values[CURRENCY] = null;
            }
            case INVALID_DATE -> rec.values[DATE] = rec.text(DATE).substring(0, 4) + "-02-30";
            case UNKNOWN_COUNTRY -> partner(rec, "Atlantis");
            case SAME_COUNTRY -> partner(rec, Vocabulary.otherSpelling(rec.countryA, rec.text(REPORTING)));
            case UNKNOWN_ENUM -> partner(rec, Vocabulary.spell(rec.countryB, r)).values[ROLE] = "ally";
            case UNKNOWN_SECTOR -> rec.values[SECTOR] = "agriculture";
            case UNKNOWN_DRUG -> rec.values[DRUG] = "aspirin";
            case INVALID_NUMBER -> withUnit(rec).values[QUANTITY] = "12 kg";
            case NEGATIVE_AMOUNT -> withUnit(rec).values[QUANTITY] = new Record.Num("-350");
            case UNKNOWN_UNIT -> {
                rec.values[QUANTITY] = new Record.Num("10");
                rec.values[UNIT] = "bushel";
            }
            case UNKNOWN_CURRENCY -> withValue(rec).values[CURRENCY] = "XYZ";
            case NO_FX_RATE -> withValue(rec).values[CURRENCY] = "BHD"; // a currency the generated FX table lacks
            default -> throw new IllegalArgumentException(reason.code());
        }
    }

    private static Record partner(Record rec, String partner) {
        rec.values[PARTNER] = partner;
        if (rec.values[ROLE] == null) {
            rec.values[ROLE] = "origin";
        }
        return rec;
    }

    private static Record withUnit(Record rec) {
        if (rec.values[UNIT] == null) {
            rec.values[UNIT] = "kg";
        }
        return rec;
    }

    private static Record withValue(Record rec) {
        if (rec.values[VALUE] == null) {
            rec.values[VALUE] = new Record.Num("1000");
        }
        return rec;
    }
}
