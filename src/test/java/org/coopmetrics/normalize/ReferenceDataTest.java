package org.coopmetrics.normalize;

import static org.coopmetrics.SparkTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
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
