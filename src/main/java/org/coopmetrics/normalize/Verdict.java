package org.coopmetrics.normalize;

import java.io.Serializable;
import org.coopmetrics.ingest.Ledger;
import org.coopmetrics.ingest.OutOfScopeReason;
import org.coopmetrics.ingest.QuarantineReason;

/**
 * What the normaliser says of a record: quarantined (with reason and detail), out of scope (events only, with
 * its reason), after the as-of date, or accepted.
 */
public record Verdict(String status, QuarantineReason reason, OutOfScopeReason outOfScope, String detail)
        implements Serializable {
    public static final Verdict ACCEPTED = new Verdict(Ledger.ACCEPTED, null, null, null);
    public static final Verdict AFTER_AS_OF = new Verdict(Ledger.AFTER_AS_OF, null, null, null);

    public static Verdict quarantined(QuarantineReason reason, String detail) {
        return new Verdict(Ledger.QUARANTINED, reason, null, detail);
    }

    public static Verdict outOfScope(OutOfScopeReason reason, String detail) {
        return new Verdict(Ledger.OUT_OF_SCOPE, null, reason, detail);
    }

    public boolean isQuarantined() {
        return reason != null;
    }

    /** The reason's code (a quarantine or an out-of-scope reason), as the ledger holds it. */
    public String code() {
        return reason != null ? reason.code() : outOfScope == null ? null : outOfScope.code();
    }
}
