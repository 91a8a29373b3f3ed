package org.coopmetrics.ingest;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why a row is quarantined: the contract's closed list, in the contract's order. The {@link #code()} is what
 * the ledger's {@code reason} column, the reports and the manifest hold; README.md's reason table lists the
 * same codes and meanings (QuarantineReasonTest keeps the two in step).
 */
public enum QuarantineReason {
    MALFORMED_RECORD("malformed_record", "The record cannot be read as one record of its file's format."),
    MISSING_FIELD("missing_field", "A required field is absent or empty."),
    INVALID_DATE("invalid_date", "A date or timestamp is not a real one in the expected form."),
    INVALID_NUMBER("invalid_number", "A number is not a plain decimal, is too large to hold, or is off a GDELT scale."),
    UNKNOWN_COUNTRY("unknown_country", "A country is not in the reference country list."),
    SAME_COUNTRY("same_country", "The two countries of the record are the same country."),
    UNKNOWN_SECTOR("unknown_sector", "A sector is not in the reference sector list."),
    UNKNOWN_ENUM("unknown_enum", "A field with a fixed set of values holds another value."),
    UNKNOWN_DRUG("unknown_drug", "A drug is not in the reference drug list or not allowed where it is used."),
    UNKNOWN_UNIT("unknown_unit", "A unit is not in the reference unit list."),
    UNKNOWN_CURRENCY("unknown_currency", "A currency is not in the reference currency list."),
    NO_FX_RATE("no_fx_rate", "The FX table has no rate for the currency on or before the record's date."),
    NEGATIVE_AMOUNT("negative_amount", "A quantity or value is negative."),
    MISSING_MEASURE("missing_measure", "A seizure has neither a quantity nor a value."),
    INCONSISTENT_LIFECYCLE("inconsistent_lifecycle", "An agreement's lifecycle dates are out of order."),
    TOO_FEW_PARTIES("too_few_parties", "An agreement names fewer than two distinct countries."),
    AMBIGUOUS_REVISION("ambiguous_revision", "Rows with one id and one recorded_at differ in content."),
    INVALID_SOURCE("invalid_source", "A source is not an http(s) URL.");

    private static final Map<String, QuarantineReason> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(QuarantineReason::code, Function.identity()));

    private final String code;
    private final String meaning;

    QuarantineReason(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The snake_case code written to the ledger, the reports and the manifest. */
    public String code() {
        return code;
    }

    /** One short sentence saying what the reason means. */
    public String meaning() {
        return meaning;
    }

    /** The reason with this code, if any. */
    public static Optional<QuarantineReason> lookup(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    /** The reason with this code; an unknown code is an {@link IllegalArgumentException}. */
    public static QuarantineReason ofCode(String code) {
        return lookup(code).orElseThrow(() -> new IllegalArgumentException("unknown quarantine reason: " + code));
    }

    @Override
    public String toString() {
        return code;
    }
}
