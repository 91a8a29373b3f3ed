package org.coopmetrics.normalize;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.coopmetrics.ingest.QuarantineReason;

/**
 * One check on a typed record {@code R}: {@code failure} returns the detail when the record fails it, null when
 * it passes. A dataset's rules are a list; the first that fails names the reason.
 */
public record Rule<R>(QuarantineReason reason, Function<R, String> failure) implements Serializable {
    /** A function that can travel to the executors with its rule. */
    public interface Check<R> extends Function<R, String>, Serializable {
    }

    public static <R> Rule<R> of(QuarantineReason reason, Check<R> failure) {
        return new Rule<>(reason, failure);
    }

    /**
     * The verdict on a record dated {@code date} (null: undated): the first rule it fails; else after the as-of
     * date when dated later; else accepted.
     */
    public static <R> Verdict verdict(List<Rule<R>> rules, R record, LocalDate date, LocalDate asOf) {
        Verdict failed = first(rules, record);
        if (failed != null) {
            return failed;
        }
        return date != null && date.isAfter(asOf) ? Verdict.AFTER_AS_OF : Verdict.ACCEPTED;
    }

    /** The verdict of the first rule the record fails, or null when it passes them all. */
    public static <R> Verdict first(List<Rule<R>> rules, R record) {
        for (Rule<R> rule : rules) {
            String detail = rule.failure.apply(record);
            if (detail != null) {
                return Verdict.quarantined(rule.reason, detail);
            }
        }
        return null;
    }
}
