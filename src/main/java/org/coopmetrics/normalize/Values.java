package org.coopmetrics.normalize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Typed values from curated text, with the rules the contract gives them: strict yyyy-MM-dd days, plain decimal
 * numbers that fit the amount type, http(s) URLs, and look-ups matched case-insensitively.
 */
public final class Values {
    /** Amounts as read: decimal(24,6), so at most 18 digits before the point. */
    public static final int AMOUNT_PRECISION = 24;
    public static final int AMOUNT_SCALE = 6;

    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern NUMBER = Pattern.compile("^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$");
    private static final Pattern URL = Pattern.compile("^https?://[^\\s/$.?#][^\\s]*$");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Values() {
    }

    /** A yyyy-MM-dd date, or null when absent or not a real day (2025-02-30). */
    public static LocalDate date(String text) {
        if (text == null || !DATE.matcher(text).find()) {
            return null;
        }
        try {
            int year = Integer.parseInt(text, 0, 4, 10);
            return year < 1 ? null : LocalDate.of(year, Integer.parseInt(text, 5, 7, 10),
                    Integer.parseInt(text, 8, 10, 10));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Whether the text is written as a plain decimal number (NaN, Infinity and "12 kg" are not). */
    public static boolean isNumber(String text) {
        return text != null && NUMBER.matcher(text).find();
    }

    /** The amount, rounded half up to six places, or null when not a number or too large for decimal(24,6). */
    public static BigDecimal amount(String text) {
        if (!isNumber(text)) {
            return null;
        }
        BigDecimal exact = new BigDecimal(text);
        if (exact.precision() - exact.scale() > 38) {
            return null; // would take a very long time to round, and cannot fit anyway
        }
        return fit(exact, AMOUNT_PRECISION, AMOUNT_SCALE);
    }

    /** The value rounded half up to {@code scale} places, or null when it then has more than {@code precision} digits. */
    public static BigDecimal fit(BigDecimal value, int precision, int scale) {
        if (value == null) {
            return null;
        }
        BigDecimal rounded = value.setScale(scale, RoundingMode.HALF_UP);
        return rounded.precision() > precision ? null : rounded;
    }

    public static boolean isUrl(String text) {
        return URL.matcher(text).find();
    }

    /** The first item that is not an http(s) URL, or null. */
    public static String firstNonUrl(String[] items) {
        if (items != null) {
            for (String s : items) {
                if (!isUrl(s)) {
                    return s;
                }
            }
        }
        return null;
    }

    /**
     * The items without repeats, in the order they first appear (the same array when nothing repeats): a record
     * that lists a URL twice has it once among its sources, as statement_sources counts and evidence lists them.
     */
    public static String[] distinct(String[] items) {
        if (items == null || items.length < 2) {
            return items;
        }
        if (items.length <= 16) {
            boolean repeats = false;
            for (int i = 1; i < items.length && !repeats; i++) {
                for (int j = 0; j < i && !repeats; j++) {
                    repeats = Objects.equals(items[i], items[j]);
                }
            }
            if (!repeats) {
                return items;
            }
        }
        LinkedHashSet<String> kept = new LinkedHashSet<>(Arrays.asList(items));
        return kept.size() == items.length ? items : kept.toArray(String[]::new);
    }

    public static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    /** Runs of white space as one space, in lower case: how a speaker is told apart from others. */
    public static String key(String text) {
        return text == null ? null : lower(SPACES.matcher(text).replaceAll(" "));
    }

    /** The canonical value of a text (trimmed already), matched case-insensitively; null if absent or unknown. */
    public static <V> V lookup(Map<String, V> aliases, String text) {
        return text == null ? null : aliases.get(lower(text));
    }

    /** Absent, or a list with no items. */
    public static boolean missing(String[] items) {
        return items == null || items.length == 0;
    }
}
