package org.coopmetrics.config;

import java.util.Locale;

/** A report period length. ISO weeks start on Monday, which is what Spark's date_trunc('week') gives. */
public enum Grain {
    DAY("day", "interval 1 day"),
    WEEK("week", "interval 1 week"),
    MONTH("month", "interval 1 month"),
    QUARTER("quarter", "interval 3 months"),
    YEAR("year", "interval 1 year");

    private final String id;
    private final String step;

    Grain(String id, String step) {
        this.id = id;
        this.step = step;
    }

    /** The name used in flags, config files and the report's {@code grain} partition. */
    public String id() {
        return id;
    }

    /** A SQL interval literal one period long. */
    public String step() {
        return step;
    }

    public static Grain parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Grain g : values()) {
            if (g.id.equals(t)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown grain '" + text + "' (expected day, week, month, quarter or year)");
    }
}
