package org.coopmetrics.normalize;

import static org.coopmetrics.SparkTestSupport.spark;
import static org.coopmetrics.SparkTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.coopmetrics.LedgerRows;
import org.coopmetrics.ingest.DatasetSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements through reader, parser, revisions and normaliser, against the bundled reference tables. */
class StatementsTest {
    static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
    static final String RECORDED = "2025-09-11T08:00:00Z";

    @TempDir
    static Path dir;

    /** record_id -> normalised row (ids are unique in the fixture but for s16, keyed by line). */
    static LedgerRows rows;

    @BeforeAll
    static void normaliseAll() {
        // recorded_at is appended to every line; s16 has two revisions (older one on line 19).
        String table = """
                statement_id,date,speaker,speaker_country,counterpart_country,sectors,kind,sources
                s01,2025-03-10,  Mohsin   Naqvi ,Pakistan,UAE,anti-narcotics;CT,Praise,https://example.org/1
                s02,2025-03-11,Ishaq Dar,pk,iran,counter_narcotics,intent,https://example.org/2;https://example.org/2b
                s03,2025-03-12,A,PAK,Atlantis,counter_narcotics,intent,https://example.org/3
                s03b,2025-03-12,A,EUR,PAK,counter_narcotics,intent,https://example.org/3
                s04,2025-03-13,A,PAK,Pakistan,counter_narcotics,intent,https://example.org/4
                s05,2025-03-14,A,PAK,ARE,counter_narcotics;space,intent,https://example.org/5
                s06,2025-02-30,A,PAK,ARE,counter_narcotics,intent,https://example.org/6
                s06b,10/03/2025,A,PAK,ARE,counter_narcotics,intent,https://example.org/6
                s07,2025-03-15,A,PAK,ARE,counter_narcotics,threat,https://example.org/7
                s08,2025-03-16,A,PAK,ARE,counter_narcotics,intent,https://example.org/8;ftp://x
                s09,2026-01-05,A,PAK,ARE,counter_narcotics,intent,https://example.org/9
                s10,2025-12-31,A,PAK,ARE,counter_narcotics,intent,https://example.org/10
                s11,2025-03-17,,PAK,ARE,counter_narcotics,intent,https://example.org/11
                s12,2025-03-18,A,PAK,ARE,;,intent,https://example.org/12
                s13,2025-03-19,A,PAK,ARE,counter_narcotics,intent,
                s15,2025-03-20,A,united arab emirates,Britain,Coast Guard;border,CRITICISM,https://example.org/15;https://example.org/15
                s16,2025-03-21,A,PAK,ARE,counter_narcotics,appeal,https://example.org/16
                s16,2025-03-21,A,PAK,Atlantis,counter_narcotics,appeal,https://example.org/16
                """;
        String[] lines = table.split("\n");
        StringBuilder csv = new StringBuilder(lines[0]).append(",recorded_at\n");
        for (int i = 1; i < lines.length; i++) {
            // line 19 (the second s16) is an older revision
            String recorded = i == lines.length - 1 ? "2025-09-01T00:00:00Z" : RECORDED;
            csv.append(lines[i]).append(',').append(recorded).append('\n');
        }
        Path file = write(dir, "statements.csv", csv.toString());

        Configuration conf = spark().sparkContext().hadoopConfiguration();
        ReferenceData ref = ReferenceData.load(null, conf);
        DatasetSpec spec = DatasetSpec.STATEMENTS;
        List<Row> all = LedgerRows.ledger(spec, 1 << 20, ref, AS_OF, file).collectAsList();
        rows = new LedgerRows(all, r -> {
            String id = r.getAs("record_id");
            return "s16".equals(id) ? id + "@" + r.<Long>getAs("line") : id;
        });
    }

    @Test
    void everyRowIsSettled() {
        // 18 data lines, each with exactly one final status
        assertEquals(18, rows.size());
        Map<String, Long> byStatus = rows.countByStatus();
        // accepted: s01 s02 s10 s15 s16@18; after_as_of: s09; superseded: s16@19; quarantined: the other 11
        assertEquals(Map.of("accepted", 5L, "after_as_of", 1L, "quarantined", 11L, "superseded", 1L), byStatus);
    }

    @Test
    void countriesGivenByNameAliasOrAlpha2AreCanonicalised() {
        rows.assertStatus("s01", "accepted", null, null);
        assertEquals("PAK", rows.get("s01", "speaker_country")); // "Pakistan": name
        assertEquals("ARE", rows.get("s01", "counterpart_country")); // "UAE": alias
        rows.assertStatus("s02", "accepted", null, null);
        assertEquals("PAK", rows.get("s02", "speaker_country")); // "pk": alpha-2, lower case
        assertEquals("IRN", rows.get("s02", "counterpart_country")); // "iran": name, lower case
        rows.assertStatus("s15", "accepted", null, null);
        assertEquals("ARE", rows.get("s15", "speaker_country")); // "united arab emirates": name, lower case
        assertEquals("GBR", rows.get("s15", "counterpart_country")); // "Britain": alias
    }

    @Test
    void sectorAliasesAreCanonicalisedSortedAndKindIsLowerCased() {
        // "anti-narcotics;CT" -> [counter_narcotics, counter_terrorism]
        assertEquals(List.of("counter_narcotics", "counter_terrorism"), rows.list("s01", "sectors"));
        assertEquals("praise", rows.get("s01", "kind")); // "Praise"
        // "Coast Guard;border" -> [border_security, coast_guard] (sorted)
        assertEquals(List.of("border_security", "coast_guard"), rows.list("s15", "sectors"));
        assertEquals("criticism", rows.get("s15", "kind")); // "CRITICISM"
    }

    @Test
    void acceptedRowHasTypedDateAndSpeakerKey() {
        assertEquals(Date.valueOf("2025-03-10"), rows.row("s01").getAs("date"));
        // "  Mohsin   Naqvi " -> trimmed by the parser, runs of spaces collapsed, lower case
        assertEquals("mohsin naqvi", rows.get("s01", "speaker_key"));
        assertEquals(List.of("https://example.org/2", "https://example.org/2b"), rows.list("s02", "sources"));
    }

    @Test
    void aSourceListedTwiceIsOneSource() {
        // statement_sources counts a statement's distinct sources, and evidence lists each once (contract)
        assertEquals(List.of("https://example.org/15"), rows.list("s15", "sources"));
    }

    @Test
    void unknownCountry() {
        rows.assertQuarantined("s03", "unknown_country", "counterpart_country: unknown country 'Atlantis'");
        // "EUR" (Europe) is a CAMEO region, not a country: it stays unknown on purpose
        rows.assertQuarantined("s03b", "unknown_country", "speaker_country: unknown country 'EUR'");
    }

    @Test
    void sameCountry() {
        // "PAK" and "Pakistan" are the same country
        rows.assertQuarantined("s04", "same_country", "speaker_country and counterpart_country are both PAK");
    }

    @Test
    void unknownSector() {
        rows.assertQuarantined("s05", "unknown_sector", "sectors: unknown sector 'space'");
    }

    @Test
    void invalidDate() {
        rows.assertQuarantined("s06", "invalid_date", "date: '2025-02-30' is not a real date like 2025-09-10");
        rows.assertQuarantined("s06b", "invalid_date", "date: '10/03/2025' is not a real date like 2025-09-10");
    }

    @Test
    void unknownKind() {
        rows.assertQuarantined("s07", "unknown_enum",
                "kind: 'threat' is not one of intent, consultation, praise, appeal, criticism");
    }

    @Test
    void nonHttpSource() {
        rows.assertQuarantined("s08", "invalid_source", "sources: 'ftp://x' is not an http(s) URL");
    }

    @Test
    void missingFields() {
        rows.assertQuarantined("s11", "missing_field", "speaker is missing");
        rows.assertQuarantined("s12", "missing_field", "sectors is missing or empty"); // ";" -> []
        rows.assertQuarantined("s13", "missing_field", "sources is missing or empty");
    }

    @Test
    void afterAsOfIsCountedNotQuarantined() {
        rows.assertStatus("s09", "after_as_of", null, null); // 2026-01-05 > 2025-12-31
        rows.assertStatus("s10", "accepted", null, null); // on the as-of date itself
    }

    @Test
    void supersededRevisionKeepsItsStatus() {
        // line 18 is the latest revision; line 19 (older, with an unknown country) stays superseded
        rows.assertStatus("s16@18", "accepted", null, null);
        assertEquals("appeal", rows.get("s16@18", "kind"));
        rows.assertStatus("s16@19", "superseded", null, null);
    }
}
