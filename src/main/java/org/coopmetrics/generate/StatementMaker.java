package org.coopmetrics.generate;

import static org.coopmetrics.ingest.QuarantineReason.INVALID_DATE;
import static org.coopmetrics.ingest.QuarantineReason.MISSING_FIELD;
import static org.coopmetrics.ingest.QuarantineReason.SAME_COUNTRY;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_COUNTRY;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_ENUM;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_SECTOR;

import java.util.Locale;
import java.util.SplittableRandom;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.QuarantineReason;

/** Statements: one official speaking about cooperation with another country. */
final class StatementMaker extends Maker {
    private static final DatasetSpec S = DatasetSpec.STATEMENTS;
    private static final int DATE = Record.index(S, "date");
    private static final int SPEAKER = Record.index(S, "speaker");
    private static final int ROLE = Record.index(S, "speaker_role");
    private static final int SPEAKER_COUNTRY = Record.index(S, "speaker_country");
    private static final int COUNTERPART = Record.index(S, "counterpart_country");
    private static final int SECTORS = Record.index(S, "sectors");
    private static final int KIND = Record.index(S, "kind");
    private static final int QUOTE = Record.index(S, "quote");

    StatementMaker(Vocabulary vocabulary) {
        super(S, vocabulary);
    }

    @Override
    String prefix() {
        return "stm-";
    }

    @Override
    Record make(SplittableRandom r, String recordId) {
        Record rec = new Record(S);
        int[] pair = vocabulary.pairs[vocabulary.pairRank.next(r)];
        boolean flip = r.nextBoolean();
        int speaker = flip ? pair[1] : pair[0];
        int counterpart = flip ? pair[0] : pair[1];
        rec.countryA = speaker;
        rec.countryB = counterpart;
        long day = Vocabulary.randomDay(r);
        int k = r.nextInt(Vocabulary.SPEAKERS_PER_COUNTRY);
        String name = vocabulary.speakers[speaker][k];
        rec.values[id] = recordId;
        rec.values[DATE] = Vocabulary.day(day);
        rec.values[SPEAKER] = r.nextInt(100) < 3 ? name.toUpperCase(Locale.ROOT) : name;
        rec.values[ROLE] = r.nextInt(100) < 80 ? vocabulary.speakerRoles[speaker][k] : null;
        rec.values[SPEAKER_COUNTRY] = Vocabulary.spell(speaker, r);
        rec.values[COUNTERPART] = Vocabulary.spell(counterpart, r);
        String[] sectors = sectors(r);
        rec.values[SECTORS] = sectors;
        rec.values[KIND] = Vocabulary.STATEMENT_KINDS[vocabulary.statementKinds.next(r)];
        rec.values[QUOTE] = r.nextInt(100) < 55 ? quote(r, speaker, counterpart, sectors[0]) : null;
        rec.values[sources] = sourceUrls(r, recordId, day);
        rec.recordedAt = recordedAfter(day, r);
        return rec;
    }

    private static String quote(SplittableRandom r, int speaker, int counterpart, String sector) {
        return Vocabulary.pick(Vocabulary.QUOTES, r)
                .replace("{A}", Vocabulary.COUNTRIES[speaker][2])
                .replace("{B}", Vocabulary.COUNTRIES[counterpart][2])
                .replace("{S}", Vocabulary.label(sector));
    }

    @Override
    void revise(Record rec, SplittableRandom r) {
        switch (r.nextInt(3)) {
            case 0 -> {
                String kind = rec.text(KIND);
                String other;
                do {
                    other = Vocabulary.pick(Vocabulary.STATEMENT_KINDS, r);
                } while (other.equals(kind));
                rec.values[KIND] = other;
            }
            case 1 -> rec.values[QUOTE] = rec.text(QUOTE) == null
                    ? quote(r, rec.countryA, rec.countryB, Vocabulary.SECTORS[0][0])
                    : rec.text(QUOTE) + " (corrected transcript)";
            default -> rec.add(sources, "https://" + Vocabulary.pick(Vocabulary.DOMAINS, r) + "/statements/update/"
                    + rec.text(id));
        }
    }

    @Override
    QuarantineReason[] reasons() {
        return new QuarantineReason[] {MISSING_FIELD, INVALID_DATE, UNKNOWN_COUNTRY, SAME_COUNTRY, UNKNOWN_SECTOR,
                UNKNOWN_ENUM};
    }

    @Override
    void spoil(Record rec, QuarantineReason reason, SplittableRandom r) {
        switch (reason) {
            case MISSING_FIELD -> rec.values[SPEAKER] = null;
            case INVALID_DATE -> rec.values[DATE] = rec.text(DATE).substring(0, 4) + "-02-30";
            case UNKNOWN_COUNTRY -> rec.values[COUNTERPART] = "Atlantis";
            case SAME_COUNTRY -> rec.values[COUNTERPART] =
                    Vocabulary.otherSpelling(rec.countryA, rec.text(SPEAKER_COUNTRY));
            case UNKNOWN_SECTOR -> rec.add(SECTORS, "agriculture");
            case UNKNOWN_ENUM -> rec.values[KIND] = "rumour";
            default -> throw new IllegalArgumentException(reason.code());
        }
    }
}
