package org.coopmetrics.generate;

import java.util.SplittableRandom;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.QuarantineReason;

/** Makes the rows of one dataset: good records, revised versions of them, and rows spoilt for one reason. */
abstract class Maker {
    final DatasetSpec spec;
    final Vocabulary vocabulary;
    final int id;
    final int sources;
    final int recordedAt;

    Maker(DatasetSpec spec, Vocabulary vocabulary) {
        this.spec = spec;
        this.vocabulary = vocabulary;
        this.id = Record.index(spec, spec.idField());
        this.sources = Record.index(spec, "sources");
        this.recordedAt = Record.index(spec, "recorded_at");
    }

    /** The prefix of generated ids. */
    abstract String prefix();

    /**
     * A record that the job accepts, with its id set and {@link Record#recordedAt} a little after the events
     * it reports (the caller writes recorded_at from it).
     */
    abstract Record make(SplittableRandom r, String recordId);

    /** Changes the record's content (never its id or recorded_at), keeping it acceptable. */
    abstract void revise(Record record, SplittableRandom r);

    /** The quarantine reasons this dataset's spoilt rows carry (besides the generic ones the caller handles). */
    abstract QuarantineReason[] reasons();

    /** Spoils the record so that the job quarantines it with exactly this reason. */
    abstract void spoil(Record record, QuarantineReason reason, SplittableRandom r);

    /** 1 to 3 source URLs under this dataset's path. */
    String[] sourceUrls(SplittableRandom r, String recordId, long day) {
        int u = r.nextInt(100);
        int n = u < 75 ? 1 : u < 95 ? 2 : 3;
        String[] urls = new String[n];
        String year = Vocabulary.day(day).substring(0, 4);
        for (int i = 0; i < n; i++) {
            urls[i] = "https://" + Vocabulary.pick(Vocabulary.DOMAINS, r) + "/" + spec.id() + "/" + year + "/"
                    + recordId + (i == 0 ? "" : "-" + i);
        }
        return urls;
    }

    /** 1 to 3 distinct sectors, Zipf-distributed, as curators spell them. */
    String[] sectors(SplittableRandom r) {
        int u = r.nextInt(100);
        int n = u < 60 ? 1 : u < 90 ? 2 : 3;
        int[] picked = new int[n];
        int count = 0;
        for (int tries = 0; count < n && tries < 50; tries++) {
            int s = vocabulary.sectorRank.next(r);
            boolean seen = false;
            for (int i = 0; i < count; i++) {
                seen |= picked[i] == s;
            }
            if (!seen) {
                picked[count++] = s;
            }
        }
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = Vocabulary.spellSector(picked[i], r);
        }
        return out;
    }

    /** A recorded_at a few days after the given day, at some time of day. */
    static long recordedAfter(long day, SplittableRandom r) {
        return (day + 1 + r.nextInt(30)) * 86400L + r.nextInt(86400);
    }

    /** An invalid calendar day in the year of the given day (February 30th). */
    static String impossibleDay(long day) {
        return Vocabulary.day(day).substring(0, 4) + "-02-30";
    }

    /** Thousandths as a plain decimal: 12345 is "12.345", 12000 is "12". */
    static String milli(long m) {
        return decimal(m, 1000, 3);
    }

    /** Cents as a plain decimal: 1250 is "12.5", 1200 is "12". */
    static String cents(long c) {
        return decimal(c, 100, 2);
    }

    private static String decimal(long v, int unit, int digits) {
        long whole = v / unit;
        long frac = Math.abs(v % unit);
        if (frac == 0) {
            return Long.toString(whole);
        }
        StringBuilder sb = new StringBuilder(24).append(v < 0 && whole == 0 ? "-" : "").append(whole).append('.');
        String f = Long.toString(frac);
        for (int i = f.length(); i < digits; i++) {
            sb.append('0');
        }
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        return sb.append(f, 0, end).toString();
    }
}
