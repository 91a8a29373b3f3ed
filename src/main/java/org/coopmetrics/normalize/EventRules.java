package org.coopmetrics.normalize;

import static org.coopmetrics.ingest.OutOfScopeReason.FEW_MENTIONS;
import static org.coopmetrics.ingest.OutOfScopeReason.NOT_COOPERATION;
import static org.coopmetrics.ingest.OutOfScopeReason.NOT_TWO_COUNTRIES;
import static org.coopmetrics.ingest.OutOfScopeReason.SAME_COUNTRY;
import static org.coopmetrics.ingest.QuarantineReason.INVALID_DATE;
import static org.coopmetrics.ingest.QuarantineReason.INVALID_NUMBER;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.coopmetrics.ingest.DatasetSpec;
import org.coopmetrics.ingest.OutOfScopeReason;
import org.coopmetrics.ingest.RawRecord;

/**
 * GDELT 2.0 events (contract section 6), each row in the contract's order: quarantined when its dates or numbers
 * cannot be read; out of scope when it is not a cooperation event between two countries (CAMEO country codes
 * mapped to ISO 3166 alpha-3 by the reference table); after the as-of date by {@code SQLDATE} or by
 * {@code DATEADDED}; otherwise it goes on to revisions. Sectors come from the event code and the actors' types.
 */
public final class EventRules implements DatasetRules {
    /** CAMEO's cooperation roots: express intent to cooperate, consult, diplomatic and material cooperation. */
    public static final List<String> COOPERATION_ROOTS = List.of("03", "04", "05", "06");
    public static final int DEFAULT_MIN_MENTIONS = 1;

    public static final StructType COLUMNS = new StructType()
            .add("event_id", DataTypes.LongType)
            .add("date", DataTypes.DateType)
            .add("date_added", DataTypes.TimestampType)
            .add("actor1_cameo", DataTypes.StringType)
            .add("actor2_cameo", DataTypes.StringType)
            .add("actor1_country", DataTypes.StringType)
            .add("actor2_country", DataTypes.StringType)
            .add("event_code", DataTypes.StringType)
            .add("event_base_code", DataTypes.StringType)
            .add("event_root_code", DataTypes.StringType)
            .add("sectors", DataTypes.createArrayType(DataTypes.StringType, false))
            .add("goldstein", DataTypes.DoubleType)
            .add("num_mentions", DataTypes.LongType)
            .add("num_sources", DataTypes.LongType)
            .add("num_articles", DataTypes.LongType)
            .add("avg_tone", DataTypes.DoubleType)
            .add("source_url", DataTypes.StringType);

    /** The fields of an export the rules read (each named below); the reader makes values of these alone. */
    private static final boolean[] READ = new boolean[DatasetSpec.EVENTS.fields().size()];
    /** The columns read, by their place in the export (found once, not per row). */
    private static final int GLOBALEVENTID = column("GLOBALEVENTID");
    private static final int SQLDATE = column("SQLDATE");
    private static final int DATEADDED = column("DATEADDED");
    private static final int GOLDSTEIN = column("GoldsteinScale");
    private static final int MENTIONS = column("NumMentions");
    private static final int SOURCES = column("NumSources");
    private static final int ARTICLES = column("NumArticles");
    private static final int TONE = column("AvgTone");
    private static final int EVENT_CODE = column("EventCode");
    private static final int EVENT_BASE_CODE = column("EventBaseCode");
    private static final int EVENT_ROOT_CODE = column("EventRootCode");
    private static final int ACTOR1_COUNTRY = column("Actor1CountryCode");
    private static final int ACTOR2_COUNTRY = column("Actor2CountryCode");
    private static final int SOURCEURL = column("SOURCEURL");
    private static final int[] ACTOR_TYPES = Stream.of("Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
            "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code").mapToInt(EventRules::column).toArray();

    /** An event as read, with its look-ups. */
    static final class Event {
        String idText;
        Long id;
        String dateText;
        LocalDate date;
        String addedText;
        LocalDateTime added;
        String goldsteinText;
        Double goldstein;
        String mentionsText;
        Long mentions;
        String sourcesText;
        Long sources;
        String articlesText;
        Long articles;
        String toneText;
        Double tone;
        String rootCode;
        String actor1Cameo;
        String actor1;
        String actor2Cameo;
        String actor2;
    }

    static final List<Rule<Event>> RULES = List.of(
            Rule.of(INVALID_DATE, e -> e.date == null ? notA("SQLDATE", e.dateText, "day written yyyyMMdd") : null),
            Rule.of(INVALID_DATE, e -> e.added == null
                    ? notA("DATEADDED", e.addedText, "UTC instant written yyyyMMddHHmmss") : null),
            Rule.of(INVALID_NUMBER, e -> e.goldstein == null
                    ? notA("GoldsteinScale", e.goldsteinText, "number from -10 to 10") : null),
            Rule.of(INVALID_NUMBER, e -> e.mentions == null ? notA("NumMentions", e.mentionsText, "whole number")
                    : null),
            Rule.of(INVALID_NUMBER, e -> e.sources == null ? notA("NumSources", e.sourcesText, "whole number")
                    : null),
            Rule.of(INVALID_NUMBER, e -> e.articles == null ? notA("NumArticles", e.articlesText, "whole number")
                    : null),
            Rule.of(INVALID_NUMBER, e -> e.tone == null ? notA("AvgTone", e.toneText, "number from -100 to 100")
                    : null),
            Rule.of(INVALID_NUMBER, e -> e.id == null ? notA("GLOBALEVENTID", e.idText, "whole number") : null));

    /** A check of scope: the detail when the event is out of scope for this reason, null when not. */
    record Scope(OutOfScopeReason reason, Rule.Check<Event> failure) implements Serializable {
    }

    /** The checks of scope, in the contract's order; fewer than {@code minMentions} mentions are too few. */
    static List<Scope> scope(long minMentions) {
        return List.of(
                new Scope(NOT_COOPERATION, e -> COOPERATION_ROOTS.contains(e.rootCode) ? null
                        : "EventRootCode " + (e.rootCode == null ? "is empty" : "'" + e.rootCode + "'")),
                new Scope(NOT_TWO_COUNTRIES, e -> e.actor1 == null ? notACountry("Actor1CountryCode", e.actor1Cameo)
                        : e.actor2 == null ? notACountry("Actor2CountryCode", e.actor2Cameo) : null),
                new Scope(SAME_COUNTRY, e -> e.actor1.equals(e.actor2)
                        ? "both actors' countries are " + e.actor1 : null),
                new Scope(FEW_MENTIONS, e -> e.mentions < minMentions
                        ? "NumMentions " + e.mentions + " is below events_min_mentions " + minMentions : null));
    }

    private final Map<String, String> cameoCountries;
    private final ReferenceData.EventSectors eventSectors;
    private final LocalDate asOf;
    private final List<Scope> scope;

    /**
     * @param cameoCountries CAMEO country code (upper case) to ISO 3166 alpha-3
     * @param minMentions    {@code events_min_mentions}: events mentioned less often are out of scope
     */
    public EventRules(Map<String, String> cameoCountries, ReferenceData.EventSectors eventSectors, LocalDate asOf,
                      long minMentions) {
        this.cameoCountries = cameoCountries;
        this.eventSectors = eventSectors;
        this.asOf = asOf;
        this.scope = scope(minMentions);
    }

    @Override
    public StructType columns() {
        return COLUMNS;
    }

    /** The place of an export's field, which the rules then read. */
    private static int column(String name) {
        int i = DatasetSpec.EVENTS.fields().indexOf(name);
        READ[i] = true;
        return i;
    }

    /** The fields of an export the rules read, by place (GLOBALEVENTID among them). */
    static boolean[] fieldsRead() {
        return READ.clone();
    }

    @Override
    public Verdict apply(RawRecord r, Object[] out) {
        Event e = new Event();
        e.idText = text(r, GLOBALEVENTID);
        e.id = whole(e.idText);
        e.dateText = text(r, SQLDATE);
        e.date = day(e.dateText);
        e.addedText = text(r, DATEADDED);
        e.added = instant(e.addedText);
        e.goldsteinText = text(r, GOLDSTEIN);
        e.goldstein = within(decimal(e.goldsteinText), 10); // the codebook's scales: outside them, no number of it
        e.mentionsText = text(r, MENTIONS);
        e.mentions = whole(e.mentionsText);
        e.sourcesText = text(r, SOURCES);
        e.sources = whole(e.sourcesText);
        e.articlesText = text(r, ARTICLES);
        e.articles = whole(e.articlesText);
        e.toneText = text(r, TONE);
        e.tone = within(decimal(e.toneText), 100);
        e.rootCode = text(r, EVENT_ROOT_CODE);
        e.actor1Cameo = text(r, ACTOR1_COUNTRY);
        e.actor1 = country(e.actor1Cameo);
        e.actor2Cameo = text(r, ACTOR2_COUNTRY);
        e.actor2 = country(e.actor2Cameo);

        out[0] = e.id;
        out[1] = e.date;
        out[2] = e.added == null ? null : Timestamp.from(e.added.toInstant(ZoneOffset.UTC));
        out[3] = e.actor1Cameo;
        out[4] = e.actor2Cameo;
        out[5] = e.actor1;
        out[6] = e.actor2;
        out[7] = text(r, EVENT_CODE);
        out[8] = text(r, EVENT_BASE_CODE);
        out[9] = e.rootCode;
        out[11] = e.goldstein;
        out[12] = e.mentions;
        out[13] = e.sources;
        out[14] = e.articles;
        out[15] = e.tone;
        out[16] = text(r, SOURCEURL);

        Verdict failed = Rule.first(RULES, e);
        if (failed != null) {
            return failed;
        }
        for (Scope check : scope) {
            String detail = check.failure().apply(e);
            if (detail != null) {
                return Verdict.outOfScope(check.reason(), detail);
            }
        }
        if (e.date.isAfter(asOf) || e.added.toLocalDate().isAfter(asOf)) {
            return Verdict.AFTER_AS_OF;
        }
        // Only an event that goes on to revisions and the reports needs its sectors: looked up for those alone
        // (most events of a feed are out of scope).
        out[10] = sectors(r);
        return Verdict.ACCEPTED;
    }

    private String[] sectors(RawRecord r) {
        List<String> types = Arrays.stream(ACTOR_TYPES).mapToObj(i -> (String) r.value(i)).toList();
        return eventSectors.of(text(r, EVENT_CODE), types).toArray(new String[0]);
    }

    private String country(String cameo) {
        return cameo == null ? null : cameoCountries.get(cameo.toUpperCase(Locale.ROOT));
    }

    private static String text(RawRecord r, int column) {
        return (String) r.value(column);
    }

    /** A real day written yyyyMMdd (year 1 or later), or null. */
    static LocalDate day(String text) {
        if (text == null || text.length() != 8 || digits(text, 0) != 8) {
            return null;
        }
        try {
            int year = Integer.parseInt(text, 0, 4, 10);
            return year < 1 ? null : LocalDate.of(year, Integer.parseInt(text, 4, 6, 10),
                    Integer.parseInt(text, 6, 8, 10));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A real instant written yyyyMMddHHmmss (UTC), or null. */
    static LocalDateTime instant(String text) {
        LocalDate day = text == null || text.length() != 14 || digits(text, 0) != 14 ? null
                : day(text.substring(0, 8));
        if (day == null) {
            return null;
        }
        try {
            return day.atTime(Integer.parseInt(text, 8, 10, 10), Integer.parseInt(text, 10, 12, 10),
                    Integer.parseInt(text, 12, 14, 10));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Digits only, and within a long; else null. */
    static Long whole(String text) {
        if (text == null || text.isEmpty() || digits(text, 0) != text.length()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null; // more than a long holds
        }
    }

    /**
     * A decimal number, {@code [+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?} (an exponent allowed; NaN and
     * infinity not), finite as a double; else null.
     */
    static Double decimal(String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        int i = n > 0 && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
        int whole = digits(text, i);
        i += whole;
        int fraction = 0;
        if (i < n && text.charAt(i) == '.') {
            fraction = digits(text, ++i);
            i += fraction;
        }
        if (whole == 0 && fraction == 0) {
            return null;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponent = digits(text, i);
            if (exponent == 0) {
                return null;
            }
            i += exponent;
        }
        if (i != n) {
            return null;
        }
        double value = Double.parseDouble(text);
        return Double.isInfinite(value) ? null : value;
    }

    /**
     * How many ASCII digits follow one another in {@code text} from {@code from}. The checks count digits by hand:
     * as regular expressions they took a twentieth of a 10M-row GDELT run's samples.
     */
    private static int digits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    /** The value when it lies in [-bound, bound], else null. */
    static Double within(Double value, double bound) {
        return value == null || value < -bound || value > bound ? null : value;
    }

    private static String notA(String field, String text, String what) {
        return field + (text == null ? " is empty" : ": '" + text + "'") + ", not a " + what;
    }

    private static String notACountry(String field, String code) {
        return field + (code == null ? " is empty" : " '" + code + "' is not a country of the CAMEO country table");
    }
}
