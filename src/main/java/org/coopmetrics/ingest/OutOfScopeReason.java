package org.coopmetrics.ingest;

/**
 * Why a valid GDELT event is out of scope (contract section 6): not a cooperation event between two countries.
 * Such rows are neither reported nor quarantined; the manifest counts them by reason, in this order, the first
 * that applies.
 */
public enum OutOfScopeReason {
    NOT_COOPERATION("not_cooperation", "EventRootCode is not 03, 04, 05 or 06 (CAMEO's cooperation roots)."),
    NOT_TWO_COUNTRIES("not_two_countries", "An actor's country code is empty or not a country of the reference "
            + "table (CAMEO's regional and organisation codes are not countries)."),
    SAME_COUNTRY("same_country", "Both actors' countries are the same country."),
    FEW_MENTIONS("few_mentions", "NumMentions is below events_min_mentions.");

    private final String code;
    private final String meaning;

    OutOfScopeReason(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The snake_case code written to the ledger and the manifest. */
    public String code() {
        return code;
    }

    /** One short sentence saying what the reason means. */
    public String meaning() {
        return meaning;
    }
}
