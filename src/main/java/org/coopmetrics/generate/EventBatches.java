package org.coopmetrics.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * The plan of the event files, fixed before any is written so that each file can be written on its own: per
 * batch its time (DATEADDED), name, rows, first GLOBALEVENTID, and how many of its last rows the next batch
 * writes again with the same ids.
 *
 * <p>{@code files} regular batches, one per slot of equal length over the generated years, at a seeded
 * 15-minute mark within the slot; then, from 100 rows on, a small late batch (1% of the rows) at the first
 * moment after the as-of date, as a folder that kept growing after the night being rerun would hold.
 */
final class EventBatches {
    /** GLOBALEVENTIDs start about where GDELT 2.0's stood at the start of 2018. */
    static final long FIRST_ID = 720_000_000L;
    static final double LATE_SHARE = 0.01;
    /** Share of a batch's rows written again by the next batch (GDELT's rare repeated GLOBALEVENTIDs). */
    static final double REPEAT_SHARE = 0.0005;
    static final int BATCH_SECONDS = 15 * 60;
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    final int count;
    final long[] rows;
    final long[] firstId;
    /** Rows at the end of a batch that the next batch writes again. */
    final long[] repeatedByNext;
    final long[] batchSecond;
    final boolean[] zipped;
    final String[] names;

    EventBatches(long events, int files, long seed, double zippedShare) {
        long late = events >= 100 ? Math.round(events * LATE_SHARE) : 0;
        long regular = events - late;
        int regularFiles = (int) Math.min(files, regular);
        count = regularFiles + (late > 0 ? 1 : 0);
        rows = new long[count];
        firstId = new long[count];
        repeatedByNext = new long[count];
        batchSecond = new long[count];
        zipped = new boolean[count];
        names = new String[count];
        long first = Vocabulary.FIRST_DAY.toEpochDay() * 86400L;
        long slots = (long) Vocabulary.SPAN * 86400L / BATCH_SECONDS;
        long id = FIRST_ID;
        for (int f = 0; f < count; f++) {
            if (f < regularFiles) {
                rows[f] = regular / regularFiles + (f < regular % regularFiles ? 1 : 0);
                double u = new SplittableRandom(Generator.mix(seed, 0xBA7C4, f)).nextDouble();
                batchSecond[f] = first + (long) ((f + u) * slots / regularFiles) * BATCH_SECONDS;
            } else {
                rows[f] = late;
                batchSecond[f] = LocalDate.parse(Generator.AS_OF).plusDays(1).toEpochDay() * 86400L;
            }
            firstId[f] = id;
            id += rows[f];
            zipped[f] = Math.floor((f + 1) * zippedShare) > Math.floor(f * zippedShare);
            names[f] = NAME.format(batchTime(f)) + ".export.CSV" + (zipped[f] ? ".zip" : "");
        }
        for (int f = 0; f + 1 < count; f++) {
            long k = Math.max(1, Math.round(rows[f] * REPEAT_SHARE));
            repeatedByNext[f] = Math.min(k, Math.min(rows[f] / 4, rows[f + 1] / 4));
        }
    }

    LocalDateTime batchTime(int f) {
        return LocalDateTime.ofEpochSecond(batchSecond[f], 0, ZoneOffset.UTC);
    }

    int batchDay(int f) {
        return (int) Math.floorDiv(batchSecond[f], 86400L);
    }

    /** The name of the CSV itself (a zip's one entry). */
    String entryName(int f) {
        return names[f].endsWith(".zip") ? names[f].substring(0, names[f].length() - 4) : names[f];
    }

    long zippedFiles() {
        long n = 0;
        for (boolean z : zipped) {
            n += z ? 1 : 0;
        }
        return n;
    }
}
