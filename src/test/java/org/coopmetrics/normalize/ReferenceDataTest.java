package org.coopmetrics.normalize;

import static org.coopmetrics.SparkTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.coopmetrics.JobException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled tables load; a broken override stops the run naming file, line and column. */
class ReferenceDataTest {
    @TempDir
    Path dir;

    @Test
    void bundledTablesResolveAliases() {
        ReferenceData ref = ReferenceData.load(null, new Configuration());
        assertEquals("PAK", ref.countries().get("pakistan"));
        assertEquals("PAK", ref.countries().get("pk"));
        assertEquals("ARE", ref.countries().get("uae"));
        assertEquals("USA", ref.countries().get("us"));
        assertEquals("GBR", ref.countries().get("united kingdom"));
        assertEquals(null, ref.countries().get("eur"), "regional codes are not countries");
        assertEquals("counter_narcotics", ref.sectors().get("anti-narcotics"));
        assertEquals("counter_terrorism", ref.sectors().get("ct"));
        assertEquals("methamphetamine", ref.drugs().get("ice"));
        assertEquals(new BigDecimal("0.45359237"), ref.units().get("lbs").factor());
        assertEquals("volume", ref.units().get("litre").kind());
        assertEquals(new BigDecimal("5.2"), ref.weight("agreement.announced"));
        assertTrue(ref.sources().get("countries.csv").startsWith("bundled:"));
    }

    @Test
    void cameoCountriesFromTheRealTables() {
        ReferenceData ref = ReferenceData.load(null, new Configuration());
        assertEquals(236, ref.cameoCountries().size());
        assertEquals("PAK", ref.cameoCountries().get("PAK"));
        assertEquals("BHR", ref.cameoCountries().get("BHR"));
        assertEquals("COL", ref.cameoCountries().get("COL"), "CAMEO labels it Columbia; the code is ISO's");
        assertEquals("ROU", ref.cameoCountries().get("ROM"), "historical ISO code");
        assertEquals("TLS", ref.cameoCountries().get("TMP"), "historical ISO code");
        assertEquals("MNE", ref.cameoCountries().get("MTN"), "CAMEO spelling");
        assertEquals("IMN", ref.cameoCountries().get("IMY"), "CAMEO spelling");
        assertEquals("PSE", ref.cameoCountries().get("GZS"));
        assertEquals("SSD", ref.cameoCountries().get("SSD"), "emitted by GDELT, missing from CAMEO's table");
        for (String regional : List.of("AFR", "EUR", "WST", "MEA", "SAS", "SEA", "NMR")) {
            assertEquals(null, ref.cameoCountries().get(regional), regional + " is not a country");
        }
        assertEquals(null, ref.cameoCountries().get("ANT"), "Netherlands Antilles: no ISO 3166-1 row");
        Set<String> alpha3s = Set.copyOf(ref.countries().values());
        assertTrue(alpha3s.containsAll(ref.cameoCountries().values()));
        assertTrue(ref.sources().get("cameo_countries.csv").startsWith("bundled:"));
    }

    @Test
    void eventSectorsFromTheBundledTable() throws Exception {
        ReferenceData ref = ReferenceData.load(null, new Configuration());
        ReferenceData.EventSectors es = ref.eventSectors();
        assertEquals(Set.of("mutual_legal_assistance"), es.of("063", List.of()));
        assertEquals(Set.of("intelligence_sharing"), es.of("064", Arrays.asList("GOV", null, "")));
        assertEquals(Set.of("military_cooperation"), es.of("062", List.of("MIL")));
        assertEquals(Set.of("military_cooperation"), es.of("0312", List.of()));
        assertEquals(Set.of("law_enforcement"), es.of("042", List.of("GOV", "COP")));
        assertEquals(Set.of("law_enforcement", "mutual_legal_assistance"), es.of("063", List.of("cop ")));
        assertEquals(Set.of("diplomacy"), es.of("040", List.of("GOV")), "no security sector: the general one");
        assertEquals(Set.of("diplomacy"), es.of("0311", List.of()));
        for (String sector : es.of("062", List.of("COP"))) {
            assertEquals(sector, ref.sectors().get(sector), sector + " is a sector of sectors.csv");
        }
        assertEquals("diplomacy", ref.sectors().get("diplomacy"));
        assertTrue(ref.sources().get("event_sectors.csv").startsWith("bundled:"));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(es);
            out.writeObject(ref.cameoCountries());
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(es, in.readObject());
            assertEquals(ref.cameoCountries(), in.readObject());
        }
    }

    @Test
    void cameoCountryNotInCountries() {
        write(dir, "cameo_countries.csv", "cameo,alpha3,cameo_label,note\nPAK,PAK,Pakistan,\n"
                + "ANT,ANT,Netherlands Antilles,\n");
        // Loading succeeds (a run without events is not stopped); reading events would stop here.
        ReferenceData ref = ReferenceData.load(dir.toString(), new Configuration());
        JobException e = assertThrows(JobException.class, ref::cameoCountries);
        assertTrue(e.getMessage().endsWith("cameo_countries.csv line 3, column alpha3: 'ANT' is not an alpha3 of "
                + "bundled:reference/countries.csv"), e.getMessage());
    }

    @Test
    void cameoCountryGivenTwice() {
        JobException e = broken("cameo_countries.csv", "cameo,alpha3,cameo_label,note\nROM,ROU,Romania,\n"
                + "PAK,PAK,Pakistan,\nrom,ROU,Romania,\n");
        assertTrue(e.getMessage().endsWith("cameo_countries.csv line 4, column cameo: 'ROM' is given twice"),
                e.getMessage());
    }

    @Test
    void eventSectorUnknown() {
        write(dir, "event_sectors.csv", "match,code,sector,note\nevent_code,063,MLA,\n"
                + "event_code,064,espionage,\ndefault,,diplomacy,\n");
        ReferenceData ref = ReferenceData.load(dir.toString(), new Configuration());
        JobException e = assertThrows(JobException.class, ref::eventSectors);
        assertTrue(e.getMessage().endsWith("event_sectors.csv line 3, column sector: 'espionage' is not a sector of "
                + "bundled:reference/sectors.csv"), e.getMessage());
    }

    @Test
    void eventSectorCodeGivenTwice() {
        JobException e = broken("event_sectors.csv", "match,code,sector,note\nactor_type,COP,law_enforcement,\n"
                + "event_code,063,mutual_legal_assistance,\nactor_type,cop,police_training,\ndefault,,diplomacy,\n");
        assertTrue(e.getMessage().endsWith("event_sectors.csv line 4, column code: 'COP' is given twice for actor_type"),
                e.getMessage());
    }

    @Test
    void eventSectorCodeThatLostItsLeadingZero() {
        JobException e = broken("event_sectors.csv", "match,code,sector,note\nevent_code,63,mutual_legal_assistance,\n"
                + "default,,diplomacy,\n");
        assertTrue(e.getMessage().endsWith("event_sectors.csv line 2, column code: '63' is not a CAMEO event code "
                + "(2 to 4 digits, root 01 to 20, leading zero kept)"), e.getMessage());
    }

    @Test
    void eventSectorUnknownMatchAndMissingDefault() {
        JobException e = broken("event_sectors.csv", "match,code,sector,note\nevent_base_code,063,MLA,\n");
        assertTrue(e.getMessage().endsWith("event_sectors.csv line 2, column match: 'event_base_code' is not one of "
                + "event_code, actor_type, default"), e.getMessage());
        e = broken("event_sectors.csv", "match,code,sector,note\nevent_code,063,MLA,\n");
        assertTrue(e.getMessage().endsWith("event_sectors.csv: no default row (column match), so an event no row "
                + "places would have no sector"), e.getMessage());
    }

    @Test
    void eventSectorsOverriddenByPath() {
        write(dir, "event_sectors.csv", "match,code,sector,note\nevent_code,06,other,\ndefault,,Other,\n");
        ReferenceData ref = ReferenceData.load(dir.toString(), new Configuration());
        assertEquals(Set.of("other"), ref.eventSectors().of("063", List.of("COP")));
        assertTrue(ref.sources().get("event_sectors.csv").endsWith("event_sectors.csv")
                && !ref.sources().get("event_sectors.csv").startsWith("bundled:"));
        assertTrue(ref.sources().get("cameo_countries.csv").startsWith("bundled:"));
    }

    @Test
    void sectorsOverriddenWithoutTheEventSectorsTheyBreak() {
        // A run without events goes on with its own sectors; reading events would stop on the bundled event table.
        write(dir, "sectors.csv", "sector,label,aliases\ncounter_narcotics,CN,drugs\nother,Other,\n");
        ReferenceData ref = ReferenceData.load(dir.toString(), new Configuration());
        assertEquals("other", ref.sectors().get("other"));
        JobException e = assertThrows(JobException.class, ref::eventSectors);
        assertTrue(e.getMessage().startsWith("reference bundled:reference/event_sectors.csv line 2, column sector: "
                + "'military_cooperation' is not a sector of "), e.getMessage());
    }

    JobException broken(String file, String content) {
        write(dir, file, content);
        JobException e = assertThrows(JobException.class, () -> ReferenceData.load(dir.toString(), new Configuration()));
        assertEquals(JobException.USAGE, e.exitCode());
        return e;
    }

    @Test
    void aliasMeaningTwoCountries() {
        JobException e = broken("countries.csv", "alpha3,alpha2,name,aliases\nPAK,PK,Pakistan,\nIND,IN,India,Pakistan\n");
        assertTrue(e.getMessage().endsWith("countries.csv line 3, column aliases: 'Pakistan' would mean both PAK and IND"),
                e.getMessage());
    }

    @Test
    void negativeFxRate() {
        JobException e = broken("fx_rates.csv", "date,currency,usd_per_unit\n2025-01-01,EUR,1.04\n2025-02-01,EUR,-1.05\n");
        assertTrue(e.getMessage().endsWith("fx_rates.csv line 3, column usd_per_unit: must be greater than 0, got -1.05"),
                e.getMessage());
    }

    @Test
    void weightsMissingAnEvent() {
        JobException e = broken("event_weights.csv", "event,cameo,weight\nstatement.intent,030,4.0\n");
        assertTrue(e.getMessage().contains("event_weights.csv: no weight for 'statement.consultation'"), e.getMessage());
    }

    @Test
    void weightOffTheGoldsteinScale() {
        JobException e = broken("event_weights.csv", "event,cameo,weight\nstatement.intent,030,4.0\n"
                + "statement.consultation,040,12.5\n");
        assertTrue(e.getMessage().endsWith("event_weights.csv line 3, column weight: must lie on the Goldstein scale, "
                + "-10 to 10, with at most 4 decimals; got 12.5"), e.getMessage());
    }

    @Test
    void unitOfUnknownKind() {
        JobException e = broken("units.csv", "unit,kind,factor,aliases\nkg,mass,1,\nbale,heap,1,\n");
        assertTrue(e.getMessage().endsWith("units.csv line 3, column kind: 'heap' is not mass, volume or count"),
                e.getMessage());
    }

    @Test
    void overrideReplacesOnlyTheFilesGiven() {
        write(dir, "sectors.csv", "sector,label,aliases\ncounter_narcotics,CN,drugs\nother,Other,\n");
        ReferenceData ref = ReferenceData.load(dir.toString(), new Configuration());
        assertEquals(null, ref.sectors().get("ct"));
        assertEquals("PAK", ref.countries().get("pakistan"));
        assertTrue(ref.sources().get("sectors.csv").endsWith("sectors.csv") && !ref.sources().get("sectors.csv")
                .startsWith("bundled:"));
    }
}
