package org.coopmetrics.normalize;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The details of the checks the datasets share; each returns null when the check passes. */
final class Checks {
    private Checks() {
    }

    static String missing(String field, Object value) {
        return value == null ? field + " is missing" : null;
    }

    static String missingList(String field, String[] items) {
        return Values.missing(items) ? field + " is missing or empty" : null;
    }

    static String nonUrl(String[] sources) {
        String bad = Values.firstNonUrl(sources);
        return bad == null ? null : "sources: '" + bad + "' is not an http(s) URL";
    }

    /** Present but not a real date ({@code parsed} is the text as a date, or null). */
    static String invalidDate(String field, String text, LocalDate parsed) {
        return text != null && parsed == null ? field + ": '" + text + "' is not a real date like 2025-09-10" : null;
    }

    /** Present but not a number, or a number too large for the amount type ({@code parsed} is null then). */
    static String invalidNumber(String field, String text, BigDecimal parsed) {
        if (text == null || parsed != null) {
            return null;
        }
        return Values.isNumber(text)
                ? field + ": '" + text + "' is too large (at most "
                        + (Values.AMOUNT_PRECISION - Values.AMOUNT_SCALE) + " digits before the decimal point)"
                : field + ": '" + text + "' is not a decimal number";
    }

    /** Present but its look-up ({@code resolved}) found nothing. */
    static String unknown(String field, String text, Object resolved, String what) {
        return text != null && resolved == null ? field + ": unknown " + what + " '" + text + "'" : null;
    }

    /** The first item of a list that is not in the table, if any. */
    static String unknownItem(String field, String firstUnknown, String what) {
        return firstUnknown == null ? null : field + ": unknown " + what + " '" + firstUnknown + "'";
    }

    /** Present but not one of the contract's values (in any case). */
    static String unknownEnum(String field, String text, List<String> values) {
        return text != null && !values.contains(Values.lower(text))
                ? field + ": '" + text + "' is not one of " + String.join(", ", values) : null;
    }
}
