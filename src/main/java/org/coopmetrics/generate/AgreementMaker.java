package org.coopmetrics.generate;

import static org.coopmetrics.ingest.QuarantineReason.INCONSISTENT_LIFECYCLE;
import static org.coopmetrics.ingest.QuarantineReason.INVALID_DATE;
import static org.coopmetrics.ingest.QuarantineReason.MISSING_FIELD;
import static org.coopmetrics.ingest.QuarantineReason.TOO_FEW_PARTIES;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_COUNTRY;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_ENUM;
import static org.coopmetrics.ingest.QuarantineReason.UNKNOWN_SECTOR;

import java.util.SplittableRandom;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.QuarantineReason;

/** Agreements between two or three countries, with a lifecycle that moves forward in time. */
final class AgreementMaker extends Maker {
    private static final DatasetSpec S = DatasetSpec.AGREEMENTS;
    private static final int TYPE = Record.index(S, "type");
    private static final int TITLE = Record.index(S, "title");
    private static final int PARTIES = Record.index(S, "parties");
    private static final int SECTORS = Record.index(S, "sectors");
    private static final int ANNOUNCED = Record.index(S, "announced_on");
    private static final int SIGNED = Record.index(S, "signed_on");
    private static final int IN_FORCE = Record.index(S, "in_force_on");
    private static final int ENDED = Record.index(S, "ended_on");

    AgreementMaker(Vocabulary vocabulary) {
        super(S, vocabulary);
    }

    @Override
    String prefix() {
        return "agr-";
    }

    @Override
    Record make(SplittableRandom r, String recordId) {
        Record rec = new Record(S);
        int[] pair = vocabulary.pairs[vocabulary.pairRank.next(r)];
        rec.countryA = pair[0];
        rec.countryB = pair[1];
        int third = -1;
        if (r.nextInt(100) < 15) {
            do {
                third = vocabulary.countryRank.next(r);
            } while (third == pair[0] || third == pair[1]);
        }
        String[] parties = third < 0 ? new String[2] : new String[3];
        parties[0] = Vocabulary.spell(pair[0], r);
        parties[1] = Vocabulary.spell(pair[1], r);
        if (third >= 0) {
            parties[2] = Vocabulary.spell(third, r);
        }
        String[] sectors = sectors(r);
        int type = vocabulary.agreementTypes.next(r);
        StringBuilder title = new StringBuilder(96).append(Vocabulary.COUNTRIES[pair[0]][2]).append('-')
                .append(Vocabulary.COUNTRIES[pair[1]][2]);
        if (third >= 0) {
            title.append('-').append(Vocabulary.COUNTRIES[third][2]);
        }
        title.append(' ').append(Vocabulary.TYPE_LABELS[type]).append(" on ").append(Vocabulary.label(sectors[0]));

        // The lifecycle: announced and/or signed, maybe in force, rarely ended; nothing past the range.
        long first = Vocabulary.randomDay(r);
        long last = Vocabulary.lastEpochDay();
        Long announced = null;
        Long signed = null;
        Long inForce = null;
        Long ended = null;
        if (r.nextInt(100) < 85) {
            announced = first;
            if (r.nextInt(100) < 55) {
                signed = first + 20 + r.nextInt(380);
            }
        } else {
            signed = first;
        }
        if (signed != null && signed > last) {
            signed = null;
        }
        if (signed != null && r.nextInt(100) < 50) {
            inForce = signed + 10 + r.nextInt(355);
            inForce = inForce > last ? null : inForce;
        }
        if (inForce != null && r.nextInt(100) < 8) {
            ended = inForce + 180 + r.nextInt(1300);
            ended = ended > last ? null : ended;
        }
        rec.values[id] = recordId;
        rec.values[TYPE] = Vocabulary.AGREEMENT_TYPES[type];
        rec.values[TITLE] = title.toString();
        rec.values[PARTIES] = parties;
        rec.values[SECTORS] = sectors;
        rec.values[ANNOUNCED] = announced == null ? null : Vocabulary.day(announced);
        rec.values[SIGNED] = signed == null ? null : Vocabulary.day(signed);
        rec.values[IN_FORCE] = inForce == null ? null : Vocabulary.day(inForce);
        rec.values[ENDED] = ended == null ? null : Vocabulary.day(ended);
        rec.values[sources] = sourceUrls(r, recordId, first);
        long latest = ended != null ? ended : inForce != null ? inForce : signed != null ? signed : first;
        rec.recordedAt = recordedAfter(latest, r);
        return rec;
    }

    @Override
    void revise(Record rec, SplittableRandom r) {
        // The usual revision: the agreement has since been signed. Otherwise the title is corrected.
        String announced = rec.text(ANNOUNCED);
        if (announced != null && rec.text(SIGNED) == null) {
            long signed = java.time.LocalDate.parse(announced).toEpochDay() + 20 + r.nextInt(200);
            if (signed <= Vocabulary.lastEpochDay()) {
                rec.values[SIGNED] = Vocabulary.day(signed);
                return;
            }
        }
        rec.values[TITLE] = rec.text(TITLE) + " (amended)";
    }

    @Override
    QuarantineReason[] reasons() {
        return new QuarantineReason[] {MISSING_FIELD, INVALID_DATE, UNKNOWN_COUNTRY, UNKNOWN_ENUM, TOO_FEW_PARTIES,
                INCONSISTENT_LIFECYCLE, UNKNOWN_SECTOR};
    }

    @Override
    void spoil(Record rec, QuarantineReason reason, SplittableRandom r) {
        switch (reason) {
            case MISSING_FIELD -> rec.values[TITLE] = null;
            case INVALID_DATE -> {
                int field = rec.text(ANNOUNCED) != null ? ANNOUNCED : SIGNED;
                rec.values[field] = rec.text(field).substring(0, 4) + "-02-30";
            }
            case UNKNOWN_COUNTRY -> rec.add(PARTIES, "Atlantis");
            case UNKNOWN_ENUM -> rec.values[TYPE] = "pact";
            case TOO_FEW_PARTIES -> rec.values[PARTIES] = new String[] {Vocabulary.COUNTRIES[rec.countryA][0],
                    Vocabulary.COUNTRIES[rec.countryA][2]};
            case INCONSISTENT_LIFECYCLE -> {
                long day = Vocabulary.firstEpochDay() + 200 + r.nextInt(Vocabulary.SPAN - 200);
                rec.values[ANNOUNCED] = Vocabulary.day(day);
                rec.values[SIGNED] = Vocabulary.day(day - 10 - r.nextInt(150));
                rec.values[IN_FORCE] = null;
                rec.values[ENDED] = null;
            }
            case UNKNOWN_SECTOR -> rec.add(SECTORS, "agriculture");
            default -> throw new IllegalArgumentException(reason.code());
        }
    }
}
