package org.coopmetrics.normalize;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference tables as the normaliser uses them on the executors: alias (lower case) to canonical value, and
 * FX rates by currency and day. Built once on the driver and broadcast.
 *
 * @param units alias to unit, its factor to kg held as decimal(20,12)
 * @param fx per currency, the rates (decimal(20,12)) by the day they take effect, up to the as-of date
 */
public record Canon(Map<String, String> countries, Map<String, String> sectors, Map<String, String> drugs,
                    Map<String, ReferenceData.Unit> units, Map<String, String> currencies,
                    Map<String, TreeMap<LocalDate, BigDecimal>> fx, LocalDate asOf) implements Serializable {
    /** Rates and factors are decimal(20,12). */
    public static final int RATE_PRECISION = 20;
    public static final int RATE_SCALE = 12;

    public static Canon of(ReferenceData ref, LocalDate asOf) {
        Map<String, ReferenceData.Unit> units = new HashMap<>();
        ref.units().forEach((alias, u) -> units.put(alias, new ReferenceData.Unit(u.id(), u.kind(),
                u.factor().setScale(RATE_SCALE, RoundingMode.HALF_UP))));
        Map<String, String> currencies = new HashMap<>();
        ref.currencies().forEach(c -> currencies.put(c.toLowerCase(Locale.ROOT), c));
        Map<String, TreeMap<LocalDate, BigDecimal>> fx = new HashMap<>();
        for (ReferenceData.FxRate r : ref.fxRates()) {
            fx.computeIfAbsent(r.currency(), c -> new TreeMap<>())
                    .put(r.date(), r.usdPerUnit().setScale(RATE_SCALE, RoundingMode.HALF_UP));
        }
        return new Canon(new HashMap<>(ref.countries()), new HashMap<>(ref.sectors()), new HashMap<>(ref.drugs()),
                units, currencies, fx, asOf);
    }

    /** The rate in force on the day: the latest on or before it; none after the as-of date (not yet known). */
    public BigDecimal rate(String currency, LocalDate day) {
        TreeMap<LocalDate, BigDecimal> rates = currency == null || day == null ? null : fx.get(currency);
        if (rates == null || day.isAfter(asOf)) {
            return null;
        }
        Map.Entry<LocalDate, BigDecimal> e = rates.floorEntry(day);
        return e == null ? null : e.getValue();
    }
}
