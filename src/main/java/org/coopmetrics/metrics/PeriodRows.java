package org.coopmetrics.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.coopmetrics.config.Grain;

/**
 * The periods of {@code dyad_sector_period} for every grain in one pass over a partition of facts that holds
 * each pair-sector whole, sorted by pair-sector and day ({@link DyadSectorPeriod#compute} arranges that).
 * Per grain it sums the facts of a period; when a pair-sector's next fact falls in a later period, it writes
 * the finished period, then the empty periods up to that fact's (and, after the pair-sector's last fact, up to
 * the as-of period), carrying the running sums of agreements in force and pending. Sums are exact (longs and
 * BigDecimals), so the rows do not depend on the order of facts within a day.
 */
final class PeriodRows implements MapPartitionsFunction<Row, Row> {
    /** The fact's pair and sector as one number ({@link DyadSectorPeriod#pairSector}). */
    static final String KEY = "_key";
    /** The fact's date as days since 1970-01-01 (Spark's unix_date). */
    static final String DAY = "_day";
    static final String SCORE = "_score";
    static final String WEIGHTED = "_weighted";

    /**
     * The input's columns: the pair-sector, the day, the speaker, the kind and slots of the measures
     * ({@link FactSlots}), the weight.
     */
    private static final int SPEAKER = 2;
    private static final int KIND = 3;
    private static final int FIRST_SLOT = 4;
    private static final int WEIGHT = FIRST_SLOT + FactSlots.slots();
    private static final String[] MEASURES = Facts.MEASURES.keySet().toArray(String[]::new);
    private static final boolean[] DECIMAL = new boolean[MEASURES.length];
    private static final int IN_FORCE = List.of(MEASURES).indexOf("in_force_delta");
    private static final int PENDING = List.of(MEASURES).indexOf("pending_delta");

    static {
        for (int i = 0; i < MEASURES.length; i++) {
            DECIMAL[i] = !Facts.MEASURES.get(MEASURES[i]).equals(DataTypes.LongType);
        }
    }

    private final List<Grain> grains;
    private final LocalDate asOf;
    private final String[] sectors;

    /** @param sectors the sorted sector ids the pair-sectors were numbered by */
    PeriodRows(List<Grain> grains, LocalDate asOf, String[] sectors) {
        this.grains = List.copyOf(grains);
        this.asOf = asOf;
        this.sectors = sectors.clone();
    }

    /** A country code from its number ({@link DyadSectorPeriod#CODES}). */
    static String country(long code) {
        return new String(new char[] {(char) ('A' + code / (26 * 26)), (char) ('A' + code / 26 % 26),
                (char) ('A' + code % 26)});
    }

    /**
     * Keys, grain, the period's first and last day (days since 1970-01-01) and year, then each measure's sum (in
     * the type Spark's sum gives), the distinct speakers, the sum and count of weights, agreements in force and
     * pending. Empty periods have zero sums.
     */
    static StructType schema() {
        StructType s = new StructType()
                .add("country_a", DataTypes.StringType, false)
                .add("country_b", DataTypes.StringType, false)
                .add("sector", DataTypes.StringType, false)
                .add("grain", DataTypes.StringType, false)
                .add("period_start", DataTypes.IntegerType, false)
                .add("period_end", DataTypes.IntegerType, false)
                .add("year", DataTypes.IntegerType, false);
        for (String m : MEASURES) {
            s = s.add(m, DyadSectorPeriod.sumType(Facts.MEASURES.get(m)), false);
        }
        DataType score = DyadSectorPeriod.sumType(Facts.WEIGHT);
        return s.add("speakers", DataTypes.LongType, false)
                .add(SCORE, score, false)
                .add(WEIGHTED, DataTypes.LongType, false)
                .add("agreements_in_force", DataTypes.LongType, false)
                .add("agreements_pending", DataTypes.LongType, false);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> facts) {
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();
            private final List<Span> spans = new ArrayList<>();
            private boolean open;
            private long key;
            private String a;
            private String b;
            private String sector;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && (facts.hasNext() || open)) {
                    if (!facts.hasNext()) {
                        finishPairSector();
                        continue;
                    }
                    Row f = facts.next();
                    if (!open || key != f.getLong(0)) {
                        if (open) {
                            finishPairSector();
                        }
                        open = true;
                        key = f.getLong(0);
                        long base = DyadSectorPeriod.sectorBase(sectors);
                        long pair = key / base;
                        a = country(pair / DyadSectorPeriod.CODES);
                        b = country(pair % DyadSectorPeriod.CODES);
                        sector = sectors[(int) (key % base) - 1];
                        spans.clear();
                        grains.forEach(g -> spans.add(new Span(g)));
                    }
                    LocalDate day = LocalDate.ofEpochDay(f.getInt(1));
                    for (Span s : spans) {
                        s.add(day, f);
                    }
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }

            private void finishPairSector() {
                for (Span s : spans) {
                    s.finish();
                }
                open = false;
            }

            /** One grain's periods of the current pair-sector: the open period and the running sums. */
            final class Span {
                private final Grain grain;
                private LocalDate start;
                private final long[] longs = new long[MEASURES.length];
                private final BigDecimal[] decimals = new BigDecimal[MEASURES.length];
                private final Set<String> speakers = new HashSet<>();
                private BigDecimal score = BigDecimal.ZERO;
                private long weighted;
                private long inForce;
                private long pending;

                Span(Grain grain) {
                    this.grain = grain;
                    clear();
                }

                void add(LocalDate day, Row f) {
                    LocalDate period = Periods.startOf(grain, day);
                    if (start != null && !period.equals(start)) {
                        writeOpen();
                        fill(period);
                    }
                    start = period;
                    int kind = f.getInt(KIND);
                    int[] slots = FactSlots.slotsOf(kind);
                    int[] measures = FactSlots.measuresOf(kind);
                    for (int j = 0; j < slots.length; j++) {
                        int c = FIRST_SLOT + slots[j];
                        if (f.isNullAt(c)) {
                            continue;
                        }
                        int i = measures[j];
                        if (DECIMAL[i]) {
                            decimals[i] = decimals[i].add(f.getDecimal(c));
                        } else {
                            longs[i] += f.getLong(c);
                        }
                    }
                    if (!f.isNullAt(SPEAKER)) {
                        speakers.add(f.getString(SPEAKER));
                    }
                    if (!f.isNullAt(WEIGHT)) {
                        score = score.add(f.getDecimal(WEIGHT));
                        weighted++;
                    }
                }

                void finish() {
                    writeOpen();
                    fill(Periods.next(grain, Periods.startOf(grain, asOf)));
                }

                /** Writes the open period with its sums and clears them for the next. */
                private void writeOpen() {
                    inForce += longs[IN_FORCE];
                    pending += longs[PENDING];
                    ready.add(row(start, longs, decimals, speakers.size(), score, weighted));
                    clear();
                }

                /** Writes the empty periods after the one just written, up to the one starting at {@code until}. */
                private void fill(LocalDate until) {
                    for (LocalDate p = Periods.next(grain, start); p.isBefore(until); p = Periods.next(grain, p)) {
                        ready.add(row(p, longs, decimals, 0, BigDecimal.ZERO, 0));
                    }
                }

                private void clear() {
                    java.util.Arrays.fill(longs, 0L);
                    java.util.Arrays.fill(decimals, BigDecimal.ZERO);
                    speakers.clear();
                    score = BigDecimal.ZERO;
                    weighted = 0;
                }

                private Row row(LocalDate period, long[] l, BigDecimal[] d, long speakerCount, BigDecimal scoreSum,
                                long weightCount) {
                    Object[] r = new Object[7 + MEASURES.length + 5];
                    r[0] = a;
                    r[1] = b;
                    r[2] = sector;
                    r[3] = grain.id();
                    r[4] = (int) period.toEpochDay();
                    r[5] = (int) Periods.next(grain, period).minusDays(1).toEpochDay();
                    r[6] = period.getYear();
                    for (int i = 0; i < MEASURES.length; i++) {
                        r[7 + i] = DECIMAL[i] ? d[i] : (Object) l[i];
                    }
                    int k = 7 + MEASURES.length;
                    r[k] = speakerCount;
                    r[k + 1] = scoreSum;
                    r[k + 2] = weightCount;
                    r[k + 3] = inForce;
                    r[k + 4] = pending;
                    return RowFactory.create(r);
                }
            }
        };
    }
}
