package org.coopmetrics.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes one GDELT 2.0 event export file (one 15-minute batch: tab-separated, no header, the codebook's 61
 * columns, DATEADDED the batch time on every row), from its own random stream, and counts its rows into the
 * contract's buckets as it writes them.
 *
 * <p>Rows come in articles, as GDELT's do: one SOURCEURL and tone, a few events (pair, code, day), each coded
 * one or more times with other actor codes, names, types and mentions (the re-emissions of contract step 4;
 * now and then one coding loses an actor's country). Three articles at a time are interleaved, and rows take
 * increasing GLOBALEVENTIDs. The batch starts with the rows the previous batch ended with, written again under
 * their ids with more mentions (repeated GLOBALEVENTIDs), and ends with the rows the next batch repeats; both
 * are generated from the earlier batch's own stream, so each file still depends only on the seed and its index.
 */
final class EventFileGenerator implements Callable<EventStats> {
    /** Bucket of a row before step 4; CANDIDATE goes on to step 4. */
    private static final int QUARANTINED = 0;
    private static final int OUT_OF_SCOPE = 1;
    private static final int AFTER_AS_OF = 2;
    private static final int CANDIDATE = 3;
    static final int MIN_MENTIONS = 1;
    private static final byte TAB = '\t';
    private static final double[] SPOIL_WEIGHTS = {0, 35, 15, 25, 25};
    private static final String[] SLUGS = {"ministers-meet", "talks-on-security", "agree-to-cooperate", "visit",
            "joint-exercise", "police-arrest", "court-rules", "urges-restraint", "trade-deal", "summit", "protest",
            "border-clash", "aid-package", "election", "investigation"};
    private static final byte[][] BAD_GOLDSTEIN = {EventVocabulary.bytes(""), EventVocabulary.bytes("NaN"),
            EventVocabulary.bytes("1,9")};

    private final EventVocabulary v;
    private final FileSystem fs;
    private final Path path;
    private final EventBatches plan;
    private final int index;
    private final long seed;
    private final double bad;
    private final double fewMentions;
    private final int asOfDay;
    private final Weighted spoilDraw = new Weighted(SPOIL_WEIGHTS);
    private final byte[] dateAdded;
    private final int batchDay;
    /** Re-emission keys of the candidates of each article of the current group. */
    private long[][] keys = new long[3][16];
    private final int[] keyCount = new int[3];

    EventFileGenerator(EventVocabulary vocabulary, FileSystem fs, Path folder, EventBatches plan, int index,
                       Generator.Settings settings) {
        this.v = vocabulary;
        this.fs = fs;
        this.path = new Path(folder, plan.names[index]);
        this.plan = plan;
        this.index = index;
        this.seed = settings.seed();
        this.bad = settings.badShare();
        this.fewMentions = settings.badShare() / 5;
        this.asOfDay = (int) LocalDate.parse(Generator.AS_OF).toEpochDay();
        this.dateAdded = EventVocabulary.bytes(plan.entryName(index).substring(0, 14));
        this.batchDay = plan.batchDay(index);
    }

    @Override
    public EventStats call() throws IOException {
        SplittableRandom r = new SplittableRandom(Generator.mix(seed, 0xE7E47, index));
        EventStats stats = new EventStats(v.sectors.size());
        OutputStream sink = fs.create(path, true);
        if (plan.zipped[index]) {
            ZipOutputStream zip = new ZipOutputStream(sink);
            zip.setLevel(1); // GDELT's zips are ordinary deflate; the fastest level keeps 10M-row runs short
            ZipEntry entry = new ZipEntry(plan.entryName(index));
            entry.setTimeLocal(plan.batchTime(index)); // a fixed time: the same bytes on every run
            zip.putNextEntry(entry);
            sink = zip;
        }
        try (Utf8Out out = new Utf8Out(sink)) {
            long line = 0;
            if (index > 0) {
                for (EventRow row : repeatedRows(index - 1)) {
                    EventRow again = row.copy();
                    // More articles have mentioned it since.
                    again.mentions += 1 + (int) (row.id % 5);
                    again.articles += 1 + (int) (row.id % 5);
                    emit(out, stats, again);
                    stats.repeatedRows++;
                    line++;
                }
            }
            long fresh = plan.rows[index] - line - plan.repeatedByNext[index];
            long written = 0;
            long article = 0;
            List<EventRow> group = new ArrayList<>();
            while (written < fresh) {
                group.clear();
                int articles = 1 + r.nextInt(3);
                for (int a = 0; a < articles; a++) {
                    article(r, group, a, batchDay, "-" + index + "-" + article++, false);
                    keyCount[a] = 0;
                }
                for (int i = group.size() - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    EventRow t = group.get(i);
                    group.set(i, group.get(j));
                    group.set(j, t);
                }
                for (int i = 0; i < group.size() && written < fresh; i++, written++) {
                    EventRow row = group.get(i);
                    row.id = plan.firstId[index] + line++;
                    emit(out, stats, row);
                }
            }
            for (EventRow row : repeatedRows(index)) {
                emit(out, stats, row);
                line++;
            }
            stats.rows = line;
            stats.bytes = out.bytesWritten();
        }
        return stats;
    }

    /**
     * The last rows of batch {@code f}, which batch {@code f + 1} writes again: in scope, never spoilt, from a
     * stream of their own, so that both batches make the same rows.
     */
    private List<EventRow> repeatedRows(int f) {
        long n = plan.repeatedByNext[f];
        List<EventRow> rows = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(Generator.mix(seed, 0x4E9EA7, f));
        for (long a = 0; rows.size() < n; a++) {
            article(r, rows, 0, plan.batchDay(f), "-" + f + "-r" + a, true);
        }
        List<EventRow> last = new ArrayList<>(rows.subList(0, (int) n));
        for (int i = 0; i < last.size(); i++) {
            EventRow row = last.get(i);
            row.id = plan.firstId[f] + plan.rows[f] - n + i;
            row.repeated = true;
        }
        return last;
    }

    /** One article's rows: a few events, each coded one or more times. */
    private void article(SplittableRandom r, List<EventRow> out, int article, int day, String suffix,
                         boolean inScope) {
        boolean notUrl = !inScope && r.nextInt(100) == 0; // 1 article in 100 (the sample: 9 rows of 6,090, in one batch)
        byte[] url = notUrl ? EventVocabulary.bytes(Vocabulary.pick(EventVocabulary.NOT_URLS, r))
                : url(r, day, suffix);
        int words = 150 + r.nextInt(1350);
        byte[] tone = EventVocabulary.bytes(Double.toString(
                100.0 * (r.nextInt(words * 6 / 100 + 1) - r.nextInt(words * 9 / 100 + 1)) / words));
        byte[] articlePlace = v.place(v.countryCodes[v.countryDraw.next(r)], r);
        int u = r.nextInt(100);
        int events = u < 45 ? 1 : u < 70 ? 2 : u < 85 ? 3 : 4 + r.nextInt(3);
        for (int e = 0; e < events; e++) {
            int sqlDay = day - EventVocabulary.DAYS_BEFORE[v.daysBefore.next(r)];
            int event = inScope ? v.cooperationCodes[v.cooperationDraw.next(r)] : v.eventDraw.next(r);
            int kind1;
            int kind2;
            int country1 = -1;
            int country2 = -1;
            if (inScope) {
                kind1 = kind2 = 2;
                country1 = v.countryCodes[v.countryDraw.next(r)];
                do {
                    country2 = v.countryCodes[v.countryDraw.next(r)];
                } while (v.countryOf[country2] == v.countryOf[country1]);
            } else {
                kind1 = actorKind(r, 9, 34);
                kind2 = actorKind(r, 26, 28);
                country1 = kind1 == 2 ? v.codeDraw.next(r) : -1;
                // domestic events: both actors of one country
                country2 = kind2 != 2 ? -1 : country1 >= 0 && r.nextInt(100) < 8 ? country1 : v.codeDraw.next(r);
            }
            int v2 = r.nextInt(100);
            int codings = v2 < 60 ? 1 : v2 < 80 ? 2 : v2 < 90 ? 3 : v2 < 96 ? 4 : 5 + r.nextInt(4);
            for (int c = 0; c < codings; c++) {
                EventRow row = new EventRow();
                row.sqlDay = sqlDay;
                row.event = event;
                row.url = url;
                row.notUrl = notUrl;
                row.tone = tone;
                row.article = article;
                int k1 = kind1;
                int k2 = kind2;
                int c1 = country1;
                int c2 = country2;
                if (!inScope && c > 0 && r.nextInt(100) < 12) {
                    // this coding kept only the actor's type ("GOV" rather than "SAUGOV")
                    if (c1 >= 0 && (c2 < 0 || r.nextBoolean())) {
                        c1 = -1;
                        k1 = 1;
                    } else if (c2 >= 0) {
                        c2 = -1;
                        k2 = 1;
                    }
                }
                actor1(row, r, k1, c1, articlePlace);
                actor2(row, r, k2, c2, articlePlace);
                byte[] first = r.nextInt(100) < 55 ? row.place1 : row.place2;
                byte[] other = first == row.place1 ? row.place2 : row.place1;
                row.actionPlace = first != null ? first : other != null ? other : articlePlace;
                row.root = r.nextInt(100) < 58;
                int m = v.mentions[v.mentionDraw.next(r)];
                row.mentions = m;
                row.sources = Math.min(m, v.sources[v.sourceDraw.next(r)]);
                row.articles = r.nextInt(100) < 98 || m == 1 ? m : m - 1 - r.nextInt(Math.max(1, m / 2));
                if (!inScope) {
                    if (r.nextDouble() < fewMentions) {
                        // GDELT never writes this; it is here so that few_mentions occurs at the default threshold
                        row.mentions = 0;
                        row.sources = 0;
                        row.articles = 0;
                    }
                    if (r.nextDouble() < bad) {
                        spoil(row, r);
                    }
                }
                out.add(row);
            }
        }
    }

    /** 0: no actor; 1: a type without country ("POLICE"); 2: an actor country code (maybe not a country). */
    private static int actorKind(SplittableRandom r, int empty, int typeOnly) {
        int u = r.nextInt(100);
        return u < empty ? 0 : u < empty + typeOnly ? 1 : 2;
    }

    private void actor1(EventRow row, SplittableRandom r, int kind, int country, byte[] articlePlace) {
        if (kind == 0) {
            return;
        }
        row.country1 = country;
        row.type1 = kind == 1 || r.nextInt(100) >= 50 ? v.typeDraw.next(r) : -1;
        row.secondType1 = secondType(row.type1, r);
        row.name1 = name(r, country, row.type1);
        row.place1 = place(r, country, articlePlace);
        row.group1 = r.nextInt(1000) < 8 ? r.nextInt(EventVocabulary.KNOWN_GROUPS.length) : -1;
        row.ethnic1 = r.nextInt(1000) < 5 ? r.nextInt(EventVocabulary.ETHNIC.length) : -1;
        row.religion1 = r.nextInt(1000) < 12 ? r.nextInt(EventVocabulary.RELIGIONS.length) : -1;
    }

    private void actor2(EventRow row, SplittableRandom r, int kind, int country, byte[] articlePlace) {
        if (kind == 0) {
            return;
        }
        row.country2 = country;
        row.type2 = kind == 1 || r.nextInt(100) >= 50 ? v.typeDraw.next(r) : -1;
        row.secondType2 = secondType(row.type2, r);
        row.name2 = name(r, country, row.type2);
        row.place2 = place(r, country, articlePlace);
        row.group2 = r.nextInt(1000) < 8 ? r.nextInt(EventVocabulary.KNOWN_GROUPS.length) : -1;
        row.ethnic2 = r.nextInt(1000) < 5 ? r.nextInt(EventVocabulary.ETHNIC.length) : -1;
        row.religion2 = r.nextInt(1000) < 12 ? r.nextInt(EventVocabulary.RELIGIONS.length) : -1;
    }

    private int secondType(int type, SplittableRandom r) {
        if (type < 0 || r.nextInt(100) >= 4) {
            return -1;
        }
        int t = v.typeDraw.next(r);
        return t == type ? -1 : t;
    }

    private byte[] name(SplittableRandom r, int country, int type) {
        if (type < 0 || (country >= 0 && r.nextInt(100) < 35)) {
            return v.codeNames[country];
        }
        byte[][] names = v.typeNames[type];
        return names[r.nextInt(names.length)];
    }

    private byte[] place(SplittableRandom r, int country, byte[] articlePlace) {
        byte[] p = country >= 0 ? v.place(country, r) : null;
        return p != null ? p : articlePlace;
    }

    private byte[] url(SplittableRandom r, int day, String suffix) {
        String date = new String(EventVocabulary.sqlDate(day), java.nio.charset.StandardCharsets.US_ASCII);
        return EventVocabulary.bytes((r.nextInt(100) < 80 ? "http://" : "https://")
                + Vocabulary.pick(EventVocabulary.SITES, r) + "/" + Vocabulary.pick(EventVocabulary.SECTIONS, r)
                + "/" + date.substring(0, 4) + "/" + date.substring(4, 6) + "/" + Vocabulary.pick(SLUGS, r)
                + suffix);
    }

    /** Spoils the row for one quarantine reason of contract section 6 (every other field stays valid). */
    private void spoil(EventRow row, SplittableRandom r) {
        row.spoilt = spoilDraw.next(r);
        switch (row.spoilt) {
            case EventRow.NOT_UTF8 -> row.name1 = EventVocabulary.LATIN1_NAME;
            case EventRow.BAD_SQLDATE -> {
                String day = new String(EventVocabulary.sqlDate(row.sqlDay), java.nio.charset.StandardCharsets.US_ASCII);
                row.spoiltText = EventVocabulary.bytes(switch (r.nextInt(3)) {
                    case 0 -> day.substring(0, 4) + "0230";
                    case 1 -> day.substring(0, 4) + "1301";
                    default -> day.substring(0, 4) + "-" + day.substring(4, 6) + "-" + day.substring(6);
                });
            }
            case EventRow.BAD_GOLDSTEIN -> row.spoiltText = BAD_GOLDSTEIN[r.nextInt(BAD_GOLDSTEIN.length)];
            default -> {
                // SIXTY_FIELDS: the writer leaves out Actor1Type3Code
            }
        }
    }

    /** Counts the row into its bucket (steps 1 to 3 here, step 4 within its article or later), then writes it. */
    private void emit(Utf8Out out, EventStats stats, EventRow row) throws IOException {
        stats.spoilt[row.spoilt]++;
        int bucket = classify(row, stats);
        if (bucket == CANDIDATE) {
            int sectors = sectors(row);
            int pair = pair(row);
            long key = ((long) v.dayIndex(row.sqlDay) << 40) | ((long) row.country1 << 28)
                    | ((long) row.country2 << 16) | row.event;
            if (row.repeated || row.notUrl) {
                stats.candidates.add(new EventStats.Candidate(row.id, index,
                        key + "\t" + new String(row.url, java.nio.charset.StandardCharsets.UTF_8), sectors, pair));
            } else if (seen(row.article, key)) {
                stats.reEmission++; // an earlier row of the article, with a lower id, has the key
            } else {
                stats.accept(sectors, pair);
            }
        }
        write(out, row);
    }

    private int classify(EventRow row, EventStats stats) {
        switch (row.spoilt) {
            case EventRow.SIXTY_FIELDS, EventRow.NOT_UTF8 -> {
                stats.quarantined[0]++;
                return QUARANTINED;
            }
            case EventRow.BAD_SQLDATE -> {
                stats.quarantined[1]++;
                return QUARANTINED;
            }
            case EventRow.BAD_GOLDSTEIN -> {
                stats.quarantined[2]++;
                return QUARANTINED;
            }
            default -> {
            }
        }
        int reason = -1;
        int root = v.root[row.event];
        if (root < 3 || root > 6) {
            reason = 0;
        } else if (row.country1 < 0 || row.country2 < 0 || v.countryOf[row.country1] < 0
                || v.countryOf[row.country2] < 0) {
            reason = 1;
        } else if (v.countryOf[row.country1] == v.countryOf[row.country2]) {
            reason = 2;
        } else if (row.mentions < MIN_MENTIONS) {
            reason = 3;
        }
        if (reason >= 0) {
            stats.outOfScope[reason]++;
            return OUT_OF_SCOPE;
        }
        if (row.sqlDay > asOfDay || batchDay > asOfDay) {
            stats.afterAsOf++;
            return AFTER_AS_OF;
        }
        return CANDIDATE;
    }

    private boolean seen(int article, long key) {
        long[] k = keys[article];
        for (int i = 0; i < keyCount[article]; i++) {
            if (k[i] == key) {
                return true;
            }
        }
        if (keyCount[article] == k.length) {
            keys[article] = k = Arrays.copyOf(k, k.length * 2);
        }
        k[keyCount[article]++] = key;
        return false;
    }

    /** The sectors of event_sectors.csv the row lands in (bits of EventVocabulary.sectors). */
    private int sectors(EventRow row) {
        int s = v.eventSectors[row.event] | typeSector(row.type1) | typeSector(row.secondType1)
                | typeSector(row.type2) | typeSector(row.secondType2);
        return s != 0 ? s : v.defaultSector;
    }

    private int typeSector(int type) {
        return type < 0 ? 0 : v.typeSectors[type];
    }

    private int pair(EventRow row) {
        int a = v.countryOf[row.country1];
        int b = v.countryOf[row.country2];
        return Math.min(a, b) * v.alpha3.length + Math.max(a, b);
    }

    /** The row's 61 columns in codebook order (60 for a row spoilt so). */
    private void write(Utf8Out out, EventRow row) throws IOException {
        out.digits(row.id);
        out.ascii('\t');
        out.bytes(row.spoilt == EventRow.BAD_SQLDATE ? row.spoiltText : EventVocabulary.sqlDate(row.sqlDay));
        out.ascii('\t');
        out.bytes(EventVocabulary.monthYear(row.sqlDay));
        out.ascii('\t');
        out.bytes(EventVocabulary.year(row.sqlDay));
        out.ascii('\t');
        out.bytes(EventVocabulary.fraction(row.sqlDay));
        out.ascii('\t');
        actor(out, row.country1, row.type1, row.secondType1, row.name1, row.group1, row.ethnic1, row.religion1,
                row.spoilt == EventRow.SIXTY_FIELDS);
        actor(out, row.country2, row.type2, row.secondType2, row.name2, row.group2, row.ethnic2, row.religion2,
                false);
        out.ascii(row.root ? '1' : '0');
        out.ascii('\t');
        out.bytes(v.eventCode[row.event]);
        out.ascii('\t');
        out.bytes(v.eventBase[row.event]);
        out.ascii('\t');
        out.bytes(v.eventRoot[row.event]);
        out.ascii('\t');
        out.bytes(v.quadClass[row.event]);
        out.ascii('\t');
        out.bytes(row.spoilt == EventRow.BAD_GOLDSTEIN ? row.spoiltText : v.goldstein[row.event]);
        out.ascii('\t');
        out.digits(row.mentions);
        out.ascii('\t');
        out.digits(row.sources);
        out.ascii('\t');
        out.digits(row.articles);
        out.ascii('\t');
        out.bytes(row.tone);
        out.ascii('\t');
        out.bytes(row.place1 == null ? EventVocabulary.EMPTY_PLACE : row.place1);
        out.ascii('\t');
        out.bytes(row.place2 == null ? EventVocabulary.EMPTY_PLACE : row.place2);
        out.ascii('\t');
        out.bytes(row.actionPlace == null ? EventVocabulary.EMPTY_PLACE : row.actionPlace);
        out.ascii('\t');
        out.bytes(dateAdded);
        out.ascii('\t');
        out.bytes(row.url);
        out.ascii('\n');
    }

    /** Code, name, country, known group, ethnic, religion 1 and 2, types 1 to 3: ten fields, each then a tab. */
    private void actor(Utf8Out out, int country, int type, int secondType, byte[] name, int group, int ethnic,
                       int religion, boolean withoutType3) throws IOException {
        out.bytes(v.actorCodes[country + 1][type + 1]);
        out.ascii('\t');
        if (name != null) {
            out.bytes(name);
        }
        out.ascii('\t');
        if (country >= 0) {
            out.bytes(v.codeBytes[country]);
        }
        out.ascii('\t');
        if (group >= 0) {
            out.text(EventVocabulary.KNOWN_GROUPS[group]);
        }
        out.ascii('\t');
        if (ethnic >= 0) {
            out.text(EventVocabulary.ETHNIC[ethnic]);
        }
        out.ascii('\t');
        if (religion >= 0) {
            out.text(EventVocabulary.RELIGIONS[religion]);
        }
        out.ascii('\t');
        out.ascii('\t'); // Religion2Code: empty
        if (type >= 0) {
            out.bytes(v.typeBytes[type]);
        }
        out.ascii('\t');
        if (secondType >= 0) {
            out.bytes(v.typeBytes[secondType]);
        }
        out.ascii('\t');
        if (!withoutType3) {
            out.ascii('\t'); // Type3Code: empty
        }
    }
}
