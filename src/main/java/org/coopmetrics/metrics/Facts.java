package org.coopmetrics.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.coopmetrics.normalize.ReferenceData;
import org.coopmetrics.normalize.SeizureRules;

/**
 * The dated facts behind {@code dyad_sector_period} and {@code evidence}: one row per thing that happened between
 * an unordered pair of countries in one sector on one day, with the measures it adds to its period and the record
 * and sources it comes from. Sums are kept in decimals so that report numbers do not depend on the order Spark adds
 * them in. A measure a fact does not have is null rather than zero: sums skip nulls (and decimal zeros cost as much
 * to add as any number), and the reports write zero where a period has none.
 *
 * <p>A seizure without a partner is a fact of its reporting country alone ({@code country_b} null): evidence lists
 * it, {@code dyad_sector_period} has no pair for it. An agreement has a fact for each of its lifecycle events, and
 * evidence lists a record once a day, so only the first of its events on a day is {@link #EVIDENCE}.
 */
public final class Facts {
    /**
     * Goldstein weights lie in [-10, 10]. Six digits keep the sum of weights within 18 digits, where Spark adds
     * decimals as longs; wider decimals are added as BigDecimal, one object per row.
     */
    public static final DecimalType WEIGHT = DataTypes.createDecimalType(6, 4);
    /**
     * GDELT's AvgTone lies in [-100, 100], written with up to 17 decimals: summed exactly at 18, so that the mean
     * is the same every run, whatever the order of the sum.
     */
    public static final DecimalType TONE = DataTypes.createDecimalType(38, 18);

    /** Which dataset a fact comes from: statements, agreements, seizures or events. */
    public static final String DATASET = "dataset";
    /** The record a fact comes from, and its sources (an event's one source is its SOURCEURL). */
    public static final String RECORD_ID = "record_id";
    public static final String SOURCES = "sources";
    /** Whether evidence lists the fact: false only for an agreement's second event on the same day. */
    public static final String EVIDENCE = "evidence";

    /** The event measures that go into dyad_sector_period as they are summed (contract section 6). */
    static final List<String> EVENT_COUNTS = List.of("events", "events_a_to_b", "events_b_to_a", "event_mentions",
            "event_sources", "event_articles");

    /** Every measure column of a fact, in report order, with its type. */
    static final Map<String, DataType> MEASURES = new LinkedHashMap<>();

    static {
        for (String c : List.of("statements", "statements_a_to_b", "statements_b_to_a", "statement_sources",
                "agreements_announced", "agreements_signed", "agreements_entered_into_force", "agreements_ended",
                "in_force_delta", "pending_delta", "seizure_events")) {
            MEASURES.put(c, DataTypes.LongType);
        }
        MEASURES.put("seizure_kg", SeizureRules.KG);
        MEASURES.put("seizure_count_units", SeizureRules.KG);
        MEASURES.put("seizure_value_usd", SeizureRules.USD);
        MEASURES.put("reported_totals", DataTypes.LongType);
        MEASURES.put("reported_total_value_usd", SeizureRules.USD);
        EVENT_COUNTS.forEach(c -> MEASURES.put(c, DataTypes.LongType));
        MEASURES.put("event_goldstein_sum", WEIGHT);
        MEASURES.put("event_tone_sum", TONE);
    }

    /**
     * The measures each dataset's facts set, in {@link #MEASURES} order; a fact's other measures are null, which
     * lets {@code dyad_sector_period} shuffle a few shared columns instead of every measure.
     */
    static final Map<String, List<String>> MEASURES_OF = new LinkedHashMap<>();

    static {
        MEASURES_OF.put("statements", List.of("statements", "statements_a_to_b", "statements_b_to_a",
                "statement_sources"));
        MEASURES_OF.put("agreements", List.of("agreements_announced", "agreements_signed",
                "agreements_entered_into_force", "agreements_ended", "in_force_delta", "pending_delta"));
        MEASURES_OF.put("seizures", List.of("seizure_events", "seizure_kg", "seizure_count_units",
                "seizure_value_usd", "reported_totals", "reported_total_value_usd"));
        List<String> events = new ArrayList<>(EVENT_COUNTS);
        events.addAll(List.of("event_goldstein_sum", "event_tone_sum"));
        MEASURES_OF.put("events", List.copyOf(events));
    }

    private Facts() {
    }

    /** Pairs of an agreement's (sorted, distinct) parties: every unordered pair once, first < second. */
    public static Column partyPairs(Column parties) {
        return flatten(transform(parties, x -> transform(filter(parties, y -> y.gt(x)),
                y -> struct(x.as("country_a"), y.as("country_b")))));
    }

    public static Dataset<Row> build(Dataset<Row> statements, Dataset<Row> agreements, Dataset<Row> seizures,
                                     Dataset<Row> events, ReferenceData ref, LocalDate asOf) {
        return fromStatements(statements, ref)
                .unionByName(fromAgreements(agreements, ref, asOf))
                .unionByName(fromSeizures(seizures, ref))
                .unionByName(fromEvents(events));
    }

    /**
     * Accepted GDELT events, one fact per sector (contract section 6). They carry no weight: machine-coded events
     * never feed cooperation_score.
     */
    static Dataset<Row> fromEvents(Dataset<Row> events) {
        Column a = least(col("actor1_country"), col("actor2_country"));
        Column aToB = when(col("actor1_country").equalTo(a), 1L).otherwise(0L);
        Map<String, Column> m = new LinkedHashMap<>();
        m.put("events", lit(1L));
        m.put("events_a_to_b", aToB);
        m.put("events_b_to_a", lit(1L).minus(aToB));
        m.put("event_mentions", col("num_mentions"));
        m.put("event_sources", col("num_sources"));
        m.put("event_articles", col("num_articles"));
        m.put("event_goldstein_sum", col("goldstein"));
        m.put("event_tone_sum", col("avg_tone"));
        // An event's one source is its SOURCEURL, kept as GDELT wrote it (text, when it is no URL).
        return fact(events.withColumn("sector", explode(col("sectors"))), "events", array(col("source_url")), a,
                greatest(col("actor1_country"), col("actor2_country")), col("date"), lit(null).cast("string"),
                lit(null).cast(WEIGHT), lit(true), m);
    }

    static Dataset<Row> fromStatements(Dataset<Row> statements, ReferenceData ref) {
        Column a = least(col("speaker_country"), col("counterpart_country"));
        Column aToB = when(col("speaker_country").equalTo(a), 1L).otherwise(0L);
        Column weight = lit(null).cast(WEIGHT);
        for (String kind : org.coopmetrics.normalize.StatementRules.KINDS) {
            weight = when(col("kind").equalTo(kind), weightOf(ref, "statement." + kind)).otherwise(weight);
        }
        Map<String, Column> m = new LinkedHashMap<>();
        m.put("statements", lit(1L));
        m.put("statements_a_to_b", aToB);
        m.put("statements_b_to_a", lit(1L).minus(aToB));
        m.put("statement_sources", size(col("sources")).cast("long"));
        return fact(statements.withColumn("sector", explode(col("sectors"))), "statements", col("sources"), a,
                greatest(col("speaker_country"), col("counterpart_country")), col("date"), col("speaker_key"),
                weight, lit(true), m);
    }

    static Dataset<Row> fromAgreements(Dataset<Row> agreements, ReferenceData ref, LocalDate asOf) {
        Column asOfDate = lit(asOf.toString()).cast("date");
        Column announced = col("announced_on");
        Column signed = col("signed_on");
        Column inForce = col("in_force_on");
        Column ended = col("ended_on");
        Column hasAnnounced = announced.isNotNull();
        Column inForceKnown = inForce.isNotNull();
        // An event is the first of its day unless an earlier one fell on the same day (an earlier event on a day up
        // to the as-of date is kept too, so the first kept event of a day is the first of all).
        Column events = array(
                event("announced", announced, lit(1L), lit(0L), lit(0L), lit(0L), lit(0L), lit(1L),
                        weightOf(ref, "agreement.announced"), lit(true)),
                event("signed", signed, lit(0L), lit(1L), lit(0L), lit(0L), lit(0L),
                        when(hasAnnounced, 0L).otherwise(1L), weightOf(ref, "agreement.signed"),
                        firstOfDay(signed, announced)),
                event("in_force", inForce, lit(0L), lit(0L), lit(1L), lit(0L), lit(1L), lit(-1L),
                        weightOf(ref, "agreement.entered_into_force"), firstOfDay(inForce, announced, signed)),
                event("ended", ended, lit(0L), lit(0L), lit(0L), lit(1L),
                        when(inForceKnown, -1L).otherwise(0L), when(inForceKnown, 0L).otherwise(-1L),
                        lit(null).cast(WEIGHT), firstOfDay(ended, announced, signed, inForce)));
        Dataset<Row> rows = agreements
                .withColumn("pair", explode(partyPairs(col("parties"))))
                .withColumn("sector", explode(col("sectors")))
                .withColumn("e", explode(filter(events, e -> e.getField("date").isNotNull()
                        .and(e.getField("date").leq(asOfDate)))));
        Map<String, Column> m = new LinkedHashMap<>();
        for (String c : List.of("agreements_announced", "agreements_signed", "agreements_entered_into_force",
                "agreements_ended", "in_force_delta", "pending_delta")) {
            m.put(c, col("e." + c));
        }
        return fact(rows, "agreements", col("sources"), col("pair.country_a"), col("pair.country_b"), col("e.date"),
                lit(null).cast("string"), col("e.weight"), col("e.first_of_day"), m);
    }

    private static Column event(String name, Column date, Column announced, Column signed, Column entered,
                                Column ended, Column inForce, Column pending, Column weight, Column firstOfDay) {
        return struct(lit(name).as("event"), date.as("date"), announced.as("agreements_announced"),
                signed.as("agreements_signed"), entered.as("agreements_entered_into_force"),
                ended.as("agreements_ended"), inForce.as("in_force_delta"), pending.as("pending_delta"),
                weight.cast(WEIGHT).as("weight"), firstOfDay.as("first_of_day"));
    }

    /** Whether none of the earlier dates is the day (a null date is no day). */
    private static Column firstOfDay(Column day, Column... earlier) {
        Column same = lit(false);
        for (Column e : earlier) {
            same = same.or(coalesce(e.equalTo(day), lit(false)));
        }
        return not(same);
    }

    static Dataset<Row> fromSeizures(Dataset<Row> seizures, ReferenceData ref) {
        Column isEvent = col("kind").equalTo("event");
        Column isTotal = col("kind").equalTo("period_total");
        Map<String, Column> m = new LinkedHashMap<>();
        m.put("seizure_events", when(isEvent, 1L));
        m.put("seizure_kg", when(isEvent, col("kg")));
        m.put("seizure_count_units", when(isEvent, col("count_units")));
        m.put("seizure_value_usd", when(isEvent, col("value_usd")));
        m.put("reported_totals", when(isTotal, 1L));
        m.put("reported_total_value_usd", when(isTotal, col("value_usd")));
        Column weight = when(isEvent.and(col("partner_role").equalTo("joint_operation")),
                weightOf(ref, "seizure.joint_operation")).otherwise(lit(null).cast(WEIGHT));
        Column partner = col("partner_country");
        return fact(seizures, "seizures", col("sources"),
                when(partner.isNull(), col("reporting_country")).otherwise(least(col("reporting_country"), partner)),
                when(partner.isNotNull(), greatest(col("reporting_country"), partner)), col("date"),
                lit(null).cast("string"), weight, lit(true), m);
    }

    static Column weightOf(ReferenceData ref, String event) {
        return lit(ref.weight(event)).cast(WEIGHT);
    }

    /** Selects the fact columns in a fixed order; measures not given are null. */
    private static Dataset<Row> fact(Dataset<Row> rows, String dataset, Column sources, Column a, Column b,
                                     Column date, Column speaker, Column weight, Column evidence,
                                     Map<String, Column> given) {
        if (!new ArrayList<>(given.keySet()).equals(MEASURES_OF.get(dataset))) {
            throw new IllegalStateException("internal error: " + dataset + " facts set " + given.keySet()
                    + ", not the declared " + MEASURES_OF.get(dataset));
        }
        List<Column> cols = new ArrayList<>(List.of(a.as("country_a"), b.as("country_b"), col("sector"),
                date.as("date"), speaker.as("speaker")));
        MEASURES.forEach((name, type) -> cols.add(given.getOrDefault(name, lit(null)).cast(type).as(name)));
        cols.add(weight.cast(WEIGHT).as("weight"));
        cols.add(lit(dataset).as(DATASET));
        cols.add(col("record_id").as(RECORD_ID));
        cols.add(sources.as(SOURCES));
        cols.add(evidence.as(EVIDENCE));
        return rows.select(cols.toArray(Column[]::new));
    }
}
