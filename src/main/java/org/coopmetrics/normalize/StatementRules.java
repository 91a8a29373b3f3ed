package org.coopmetrics.normalize;

import static org.coopmetrics.ingest.QuarantineReason.INVALID_DATE;
import static org.coopmetrics.ingest.QuarantineReason.INVALID_SOURCE;
import static org.coopmetrics.ingest.QuarantineReason.MISSING_FIELD;
import static org.coopmetrics.ingest.QuarantineReason.SAME_COUNTRY;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_COUNTRY;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_ENUM;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_SECTOR;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.RawRecord;

/** Statements: who spoke for which country to which, on which sectors, in which tone. */
public final class StatementRules implements DatasetRules {
    public static final List<String> KINDS = List.of("intent", "consultation", "praise", "appeal", "criticism");

    public static final StructType COLUMNS = new StructType()
            .add("statement_id", DataTypes.StringType)
            .add("date", DataTypes.DateType)
            .add("speaker_key", DataTypes.StringType)
            .add("speaker_country", DataTypes.StringType)
            .add("counterpart_country", DataTypes.StringType)
            .add("sectors", DataTypes.createArrayType(DataTypes.StringType, true))
            .add("kind", DataTypes.StringType)
            .add("sources", DataTypes.createArrayType(DataTypes.StringType, false));

    /** A statement as read, with its look-ups. */
    static final class Statement {
        String dateText;
        LocalDate date;
        String speaker;
        String speakerCountry;
        String speakerIso;
        String counterpartCountry;
        String counterpartIso;
        String[] sectors;
        Sectors.Resolved sectorIds;
        String kind;
        String[] sources;
    }

    static final List<Rule<Statement>> RULES = List.of(
            Rule.of(MISSING_FIELD, s -> Checks.missing("date", s.dateText)),
            Rule.of(MISSING_FIELD, s -> Checks.missing("speaker", s.speaker)),
            Rule.of(MISSING_FIELD, s -> Checks.missing("speaker_country", s.speakerCountry)),
            Rule.of(MISSING_FIELD, s -> Checks.missing("counterpart_country", s.counterpartCountry)),
            Rule.of(MISSING_FIELD, s -> Checks.missingList("sectors", s.sectors)),
            Rule.of(MISSING_FIELD, s -> Checks.missing("kind", s.kind)),
            Rule.of(MISSING_FIELD, s -> Checks.missingList("sources", s.sources)),
            Rule.of(INVALID_SOURCE, s -> Checks.nonUrl(s.sources)),
            Rule.of(INVALID_DATE, s -> Checks.invalidDate("date", s.dateText, s.date)),
            Rule.of(UNKNOWN_COUNTRY, s -> Checks.unknown("speaker_country", s.speakerCountry, s.speakerIso, "country")),
            Rule.of(UNKNOWN_COUNTRY, s -> Checks.unknown("counterpart_country", s.counterpartCountry, s.counterpartIso,
                    "country")),
            Rule.of(SAME_COUNTRY, s -> s.speakerIso != null && s.speakerIso.equals(s.counterpartIso)
                    ? "speaker_country and counterpart_country are both " + s.speakerIso : null),
            Rule.of(UNKNOWN_SECTOR, s -> Checks.unknownItem("sectors", s.sectorIds.firstUnknown(), "sector")),
            Rule.of(UNKNOWN_ENUM, s -> Checks.unknownEnum("kind", s.kind, KINDS)));

    private final Canon canon;
    private final int id;
    private final int date;
    private final int speaker;
    private final int speakerCountry;
    private final int counterpartCountry;
    private final int sectors;
    private final int kind;
    private final int sources;

    public StatementRules(Canon canon) {
        this.canon = canon;
        List<String> f = DatasetSpec.STATEMENTS.fields();
        id = f.indexOf("statement_id");
        date = f.indexOf("date");
        speaker = f.indexOf("speaker");
        speakerCountry = f.indexOf("speaker_country");
        counterpartCountry = f.indexOf("counterpart_country");
        sectors = f.indexOf("sectors");
        kind = f.indexOf("kind");
        sources = f.indexOf("sources");
    }

    @Override
    public StructType columns() {
        return COLUMNS;
    }

    @Override
    public Verdict apply(RawRecord r, Object[] out) {
        Statement s = new Statement();
        s.dateText = (String) r.value(date);
        s.date = Values.date(s.dateText);
        s.speaker = (String) r.value(speaker);
        s.speakerCountry = (String) r.value(speakerCountry);
        s.speakerIso = Values.lookup(canon.countries(), s.speakerCountry);
        s.counterpartCountry = (String) r.value(counterpartCountry);
        s.counterpartIso = Values.lookup(canon.countries(), s.counterpartCountry);
        s.sectors = (String[]) r.value(sectors);
        s.sectorIds = Sectors.resolve(canon.sectors(), s.sectors);
        s.kind = (String) r.value(kind);
        s.sources = (String[]) r.value(sources);

        out[0] = r.value(id);
        out[1] = s.date;
        out[2] = Values.key(s.speaker);
        out[3] = s.speakerIso;
        out[4] = s.counterpartIso;
        out[5] = s.sectorIds.canonical();
        out[6] = Values.lower(s.kind);
        out[7] = Values.distinct(s.sources);

        return Rule.verdict(RULES, s, s.date, canon.asOf());
    }
}
