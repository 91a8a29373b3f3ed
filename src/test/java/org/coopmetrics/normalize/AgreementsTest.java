package org.coopmetrics.normalize;

import static org.coopmetrics.SparkTestSupport.spark;
import static org.coopmetrics.SparkTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.coopmetrics.LedgerRows;
import org.coopmetrics.ingest.DatasetSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agreements (JSON Lines) through reader, parser, revisions and normaliser, with the bundled reference tables. */
class AgreementsTest {
    static final LocalDate AS_OF = LocalDate.parse("2025-12-31");

    @TempDir
    static Path dir;

    /** record_id -> normalised row. */
    static LedgerRows rows;

    /** One JSON line; null values are left out, lists are written as JSON arrays. */
    static String a(String id, String type, List<String> parties, List<String> sectors, String announced,
                    String signed, String inForce, String ended, List<String> sources) {
        List<String> kv = new ArrayList<>();
        kv.add(q("agreement_id") + ":" + q(id));
        if (type != null) {
            kv.add(q("type") + ":" + q(type));
        }
        kv.add(q("title") + ":" + q("Agreement " + id));
        kv.add(q("parties") + ":" + arr(parties));
        kv.add(q("sectors") + ":" + arr(sectors));
        String[][] dates = {{"announced_on", announced}, {"signed_on", signed}, {"in_force_on", inForce},
                {"ended_on", ended}};
        for (String[] d : dates) {
            if (d[1] != null) {
                kv.add(q(d[0]) + ":" + q(d[1]));
            }
        }
        kv.add(q("sources") + ":" + arr(sources));
        kv.add(q("recorded_at") + ":" + q("2025-09-11T08:00:00Z"));
        return "{" + String.join(",", kv) + "}";
    }

    static String q(String s) {
        return "\"" + s + "\"";
    }

    static String arr(List<String> items) {
        return items.stream().map(AgreementsTest::q).collect(Collectors.joining(",", "[", "]"));
    }

    static final List<String> SRC = List.of("https://example.org/a");
    static final List<String> CN = List.of("counter_narcotics");

    @BeforeAll
    static void normaliseAll() {
        String jsonl = String.join("\n",
                a("a01", "MoU", List.of("Pakistan", "UAE", "Bahrain"), List.of("CT", "anti-narcotics"),
                        "2025-01-10", "2025-02-01", "2025-03-01", null, SRC),
                a("a02", "mou", List.of("PAK"), CN, "2025-01-10", null, null, null, SRC),
                a("a03", "mou", List.of("PAK", "Pakistan", " pk "), CN, "2025-01-10", null, null, null, SRC),
                a("a04", "mou", List.of("PAK", "ARE"), CN, "2025-03-10", "2025-03-01", null, null, SRC),
                a("a05", "treaty", List.of("PAK", "ARE"), CN, "2025-01-01", null, "2024-12-01", null, SRC),
                a("a06", "mou", List.of("PAK", "Narnia", "Atlantis"), CN, "2025-01-10", null, null, null, SRC),
                a("a07", "mou", List.of("PAK", "ARE"), CN, null, null, "2025-01-10", null, SRC),
                a("a08", "pact", List.of("PAK", "ARE"), CN, "2025-01-10", null, null, null, SRC),
                a("a09", "mou", List.of("PAK", "ARE"), CN, "2026-02-01", null, null, null, SRC),
                a("a10", "mou", List.of("PAK", "ARE"), CN, null, "2025-02-30", null, null, SRC),
                a("a11", "mou", List.of("PAK", "ARE"), List.of("space"), "2025-01-10", null, null, null, SRC),
                a("a12", "mou", List.of("PAK", "ARE"), CN, "2025-01-10", null, null, null, List.of("ftp://x")),
                a("a13", "extradition_treaty", List.of("IND", "PK"), List.of("extraditions"), "2025-05-05",
                        "2025-05-05", null, null, SRC),
                a("a14", "liaison_post", List.of("PAK", "ARE"), CN, "2024-12-01", null, "2025-06-01", "2025-01-01",
                        SRC),
                a("a15", null, List.of("PAK", "ARE"), CN, "2025-01-10", null, null, null, SRC),
                a("a16", "mou", List.of(), CN, "2025-01-10", null, null, null, SRC),
                "");
        Path file = write(dir, "agreements.jsonl", jsonl);

        Configuration conf = spark().sparkContext().hadoopConfiguration();
        ReferenceData ref = ReferenceData.load(null, conf);
        DatasetSpec spec = DatasetSpec.AGREEMENTS;
        rows = LedgerRows.byRecordId(LedgerRows.ledger(spec, 1 << 20, ref, AS_OF, file).collectAsList());
    }

    @Test
    void everyRowIsSettledOnce() {
        assertEquals(16, rows.size());
        Map<String, Long> byStatus = rows.countByStatus();
        // accepted: a01 a13; after_as_of: a09; quarantined: the other 13
        assertEquals(Map.of("accepted", 2L, "after_as_of", 1L, "quarantined", 13L), byStatus);
    }

    @Test
    void threePartiesAreCanonicalisedAndSorted() {
        rows.assertStatus("a01", "accepted", null, null);
        // Pakistan, UAE, Bahrain -> PAK, ARE, BHR -> sorted
        assertEquals(List.of("ARE", "BHR", "PAK"), rows.list("a01", "parties"));
        assertEquals("mou", rows.row("a01").getAs("type")); // "MoU"
        assertEquals(List.of("counter_narcotics", "counter_terrorism"),
                rows.list("a01", "sectors")); // CT, anti-narcotics
        assertEquals(Date.valueOf("2025-01-10"), rows.row("a01").getAs("announced_on"));
        assertEquals(Date.valueOf("2025-02-01"), rows.row("a01").getAs("signed_on"));
        assertEquals(Date.valueOf("2025-03-01"), rows.row("a01").getAs("in_force_on"));
        assertNull(rows.row("a01").getAs("ended_on"));
    }

    @Test
    void equalLifecycleDatesAreFine() {
        // announced_on = signed_on = 2025-05-05; "PK" alpha-2, "extraditions" alias
        rows.assertStatus("a13", "accepted", null, null);
        assertEquals(List.of("IND", "PAK"), rows.list("a13", "parties"));
        assertEquals(List.of("extradition"), rows.list("a13", "sectors"));
        assertEquals("extradition_treaty", rows.row("a13").getAs("type"));
    }

    @Test
    void onePartyOrTheSamePartyTwiceIsTooFew() {
        rows.assertQuarantined("a02", "too_few_parties", "parties: needs two distinct countries, got PAK");
        // PAK, Pakistan, " pk " are one country
        rows.assertQuarantined("a03", "too_few_parties", "parties: needs two distinct countries, got PAK");
        // an empty list is a missing field
        rows.assertQuarantined("a16", "missing_field", "parties is missing or empty");
    }

    @Test
    void lifecycleDatesMustNotDecrease() {
        rows.assertQuarantined("a04", "inconsistent_lifecycle",
                "signed_on 2025-03-01 precedes announced_on 2025-03-10");
        // not adjacent: signed_on is absent, in_force_on is compared with announced_on
        rows.assertQuarantined("a05", "inconsistent_lifecycle",
                "in_force_on 2024-12-01 precedes announced_on 2025-01-01");
        // ended before it entered into force (announced 2024-12-01 is before both)
        rows.assertQuarantined("a14", "inconsistent_lifecycle", "ended_on 2025-01-01 precedes in_force_on 2025-06-01");
    }

    @Test
    void unknownPartyNamesTheFirstOne() {
        rows.assertQuarantined("a06", "unknown_country", "parties: unknown country 'Narnia'");
    }

    @Test
    void announcedOrSignedIsRequired() {
        rows.assertQuarantined("a07", "missing_field", "announced_on or signed_on is required");
        rows.assertQuarantined("a15", "missing_field", "type is missing");
    }

    @Test
    void unknownType() {
        rows.assertQuarantined("a08", "unknown_enum", "type: 'pact' is not one of joint_working_group, mou, treaty, "
                + "extradition_treaty, mutual_legal_assistance, liaison_post, action_plan, other");
    }

    @Test
    void afterAsOf() {
        rows.assertStatus("a09", "after_as_of", null, null); // announced 2026-02-01 > 2025-12-31
    }

    @Test
    void invalidDate() {
        rows.assertQuarantined("a10", "invalid_date", "signed_on: '2025-02-30' is not a real date like 2025-09-10");
    }

    @Test
    void unknownSectorAndInvalidSource() {
        rows.assertQuarantined("a11", "unknown_sector", "sectors: unknown sector 'space'");
        rows.assertQuarantined("a12", "invalid_source", "sources: 'ftp://x' is not an http(s) URL");
    }
}
