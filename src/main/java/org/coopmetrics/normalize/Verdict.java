package org.coopmetrics.normalize;

import java.io.Serializable;
import org.coopmetrics.ingest.Ledger;
import org.coopmetrics.ingest.QuarantineReason;

/** What the normaliser says of a record: quarantined (with reason and detail), after the as-of date, or accepted. */
public record Verdict(String status, QuarantineReason reason, String detail) implements Serializable {
    public static final Verdict ACCEPTED = new Verdict(Ledger.ACCEPTED, null, null);
    public static final Verdict AFTER_AS_OF = new Verdict(Ledger.AFTER_AS_OF, null, null);

    public static Verdict quarantined(QuarantineReason reason, String detail) {
        return new Verdict(Ledger.QUARANTINED, reason, detail);
    }

    public boolean isQuarantined() {
        return reason != null;
    }

    /** The reason's code, as the ledger holds it. */
    public String code() {
        return reason == null ? null : reason.code();
    }
}
