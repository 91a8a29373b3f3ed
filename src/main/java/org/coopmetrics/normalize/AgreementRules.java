package org.coopmetrics.normalize;

import static org.coopmetrics.ingest.QuarantineReason.INCONSISTENT_LIFECYCLE;
import static org.coopmetrics.ingest.QuarantineReason.INVALID_DATE;
import static org.coopmetrics.ingest.QuarantineReason.INVALID_SOURCE;
import static org.coopmetrics.ingest.QuarantineReason.MISSING_FIELD;
import static org.coopmetrics.ingest.QuarantineReason.TOO_FEW_PARTIES;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_COUNTRY;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_ENUM;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_SECTOR;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.RawRecord;

/** Agreements: parties, sectors, type and a lifecycle whose dates never go backwards. */
public final class AgreementRules implements DatasetRules {
    public static final List<String> TYPES = List.of("joint_working_group", "mou", "treaty", "extradition_treaty",
            "mutual_legal_assistance", "liaison_post", "action_plan", "other");
    public static final List<String> LIFECYCLE = List.of("announced_on", "signed_on", "in_force_on", "ended_on");

    public static final StructType COLUMNS = new StructType()
            .add("agreement_id", DataTypes.StringType)
            .add("type", DataTypes.StringType)
            .add("title", DataTypes.StringType)
            .add("parties", DataTypes.createArrayType(DataTypes.StringType, false))
            .add("sectors", DataTypes.createArrayType(DataTypes.StringType, true))
            .add("announced_on", DataTypes.DateType)
            .add("signed_on", DataTypes.DateType)
            .add("in_force_on", DataTypes.DateType)
            .add("ended_on", DataTypes.DateType)
            .add("sources", DataTypes.createArrayType(DataTypes.StringType, false));

    /** An agreement as read, with its look-ups; the lifecycle in {@link #LIFECYCLE} order. */
    static final class Agreement {
        String type;
        String title;
        String[] parties;
        /** The distinct known parties' codes, sorted (null for no list). */
        String[] partyIsos;
        String firstUnknownParty;
        String[] sectors;
        Sectors.Resolved sectorIds;
        final String[] lifecycleText = new String[LIFECYCLE.size()];
        final LocalDate[] lifecycle = new LocalDate[LIFECYCLE.size()];
        String[] sources;
    }

    static final List<Rule<Agreement>> RULES = rules();

    private static List<Rule<Agreement>> rules() {
        List<Rule<Agreement>> rules = new ArrayList<>(List.of(
                Rule.of(MISSING_FIELD, a -> Checks.missing("type", a.type)),
                Rule.of(MISSING_FIELD, a -> Checks.missing("title", a.title)),
                Rule.of(MISSING_FIELD, a -> Checks.missingList("parties", a.parties)),
                Rule.of(MISSING_FIELD, a -> Checks.missingList("sectors", a.sectors)),
                Rule.of(MISSING_FIELD, a -> Checks.missingList("sources", a.sources)),
                Rule.of(MISSING_FIELD, a -> a.lifecycleText[0] == null && a.lifecycleText[1] == null
                        ? "announced_on or signed_on is required" : null),
                Rule.of(INVALID_SOURCE, a -> Checks.nonUrl(a.sources)),
                Rule.of(UNKNOWN_ENUM, a -> Checks.unknownEnum("type", a.type, TYPES))));
        for (int i = 0; i < LIFECYCLE.size(); i++) {
            int at = i;
            rules.add(Rule.of(INVALID_DATE, a -> Checks.invalidDate(LIFECYCLE.get(at), a.lifecycleText[at],
                    a.lifecycle[at])));
        }
        rules.add(Rule.of(UNKNOWN_COUNTRY, a -> Checks.unknownItem("parties", a.firstUnknownParty, "country")));
        rules.add(Rule.of(TOO_FEW_PARTIES, a -> a.partyIsos != null && a.partyIsos.length < 2
                ? "parties: needs two distinct countries, got " + String.join(", ", a.partyIsos) : null));
        rules.add(Rule.of(UNKNOWN_SECTOR, a -> Checks.unknownItem("sectors", a.sectorIds.firstUnknown(), "sector")));
        rules.add(Rule.of(INCONSISTENT_LIFECYCLE, AgreementRules::lifecycleOrder));
        return List.copyOf(rules);
    }

    /** announced_on <= signed_on <= in_force_on <= ended_on, over the dates present; names the first pair out of order. */
    private static String lifecycleOrder(Agreement a) {
        for (int i = 0; i < LIFECYCLE.size(); i++) {
            for (int j = i + 1; j < LIFECYCLE.size(); j++) {
                if (a.lifecycle[i] != null && a.lifecycle[j] != null && a.lifecycle[j].isBefore(a.lifecycle[i])) {
                    return LIFECYCLE.get(j) + " " + a.lifecycleText[j] + " precedes " + LIFECYCLE.get(i) + " "
                            + a.lifecycleText[i];
                }
            }
        }
        return null;
    }

    private final Canon canon;
    private final int id;
    private final int type;
    private final int title;
    private final int parties;
    private final int sectors;
    private final int[] lifecycle = new int[LIFECYCLE.size()];
    private final int sources;

    public AgreementRules(Canon canon) {
        this.canon = canon;
        List<String> f = DatasetSpec.AGREEMENTS.fields();
        id = f.indexOf("agreement_id");
        type = f.indexOf("type");
        title = f.indexOf("title");
        parties = f.indexOf("parties");
        sectors = f.indexOf("sectors");
        for (int i = 0; i < LIFECYCLE.size(); i++) {
            lifecycle[i] = f.indexOf(LIFECYCLE.get(i));
        }
        sources = f.indexOf("sources");
    }

    @Override
    public StructType columns() {
        return COLUMNS;
    }

    @Override
    public Verdict apply(RawRecord r, Object[] out) {
        Agreement a = new Agreement();
        a.type = (String) r.value(type);
        a.title = (String) r.value(title);
        a.parties = (String[]) r.value(parties);
        resolveParties(a);
        a.sectors = (String[]) r.value(sectors);
        a.sectorIds = Sectors.resolve(canon.sectors(), a.sectors);
        for (int i = 0; i < LIFECYCLE.size(); i++) {
            a.lifecycleText[i] = (String) r.value(lifecycle[i]);
            a.lifecycle[i] = Values.date(a.lifecycleText[i]);
        }
        a.sources = (String[]) r.value(sources);

        out[0] = r.value(id);
        out[1] = Values.lower(a.type);
        out[2] = a.title;
        out[3] = a.partyIsos;
        out[4] = a.sectorIds.canonical();
        for (int i = 0; i < LIFECYCLE.size(); i++) {
            out[5 + i] = a.lifecycle[i];
        }
        out[9] = Values.distinct(a.sources);

        // Dated by its announcement, or its signature when it was not announced.
        return Rule.verdict(RULES, a, a.lifecycle[0] != null ? a.lifecycle[0] : a.lifecycle[1], canon.asOf());
    }

    /** The distinct known parties, sorted, and the first unknown one; no codes at all for an absent or empty list. */
    private void resolveParties(Agreement a) {
        if (Values.missing(a.parties)) {
            return;
        }
        TreeSet<String> known = new TreeSet<>();
        for (String p : a.parties) {
            String iso = Values.lookup(canon.countries(), p);
            if (iso != null) {
                known.add(iso);
            } else if (a.firstUnknownParty == null) {
                a.firstUnknownParty = p;
            }
        }
        a.partyIsos = known.toArray(new String[0]);
    }
}
