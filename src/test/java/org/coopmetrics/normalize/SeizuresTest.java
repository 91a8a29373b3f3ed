package org.coopmetrics.normalize;

import static org.coopmetrics.SparkTestSupport.spark;
import static org.coopmetrics.SparkTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.coopmetrics.LedgerRows;
import org.coopmetrics.ingest.DatasetSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seizures through reader, parser, revisions and normaliser, with the bundled reference tables: checks, unit
 * conversion to kg, and USD at the rate of the latest date on or before the seizure's date.
 */
class SeizuresTest {
    static final LocalDate AS_OF = LocalDate.parse("2025-12-31");

    @TempDir
    static Path dir;

    /** record_id -> normalised row. */
    static LedgerRows rows;

    @BeforeAll
    static void normaliseAll() {
        // sources and recorded_at are appended to every line; there is no agency column (it is optional).
        String table = """
                seizure_id,kind,date,period_start,reporting_country,partner_country,partner_role,sector,drug,quantity,unit,value,currency
                z01,event,2025-04-15,,Pakistan,UAE,joint_operation,,heroin,500,g,,
                z02,event,2025-04-15,,PAK,,,CT,meth,2,l,,
                z03,event,2025-04-15,,PAK,,,,hashish,3,lb,,
                z04,event,2025-04-15,,PAK,,,,captagon,1000,tablets,,
                z05,event,2025-04-15,,PAK,,,,heroin,,,1000000,PKR
                z06,event,2025-03-20,,PAK,,,,heroin,,,1234.56,EUR
                z07,event,2025-04-30,,PAK,,,,heroin,,,100,eur
                z08,event,2025-05-01,,PAK,,,,heroin,,,100,EUR
                z09,event,2025-04-15,,PAK,,,,heroin,,,250,USD
                z10,event,2025-04-15,,BHR,,,,heroin,,,100,BHD
                z11,event,2025-04-15,,PAK,,,,heroin,,,100,XYZ
                z12,event,2025-04-15,,PAK,,,,heroin,-5,kg,,
                z13,event,2025-04-15,,PAK,,,,heroin,,,-1,USD
                z14,event,2025-04-15,,PAK,,,,heroin,5,,,
                z15,event,2025-04-15,,PAK,,,,heroin,,,,
                z16,event,2025-04-15,,PAK,,,,heroin,,,1e400,USD
                z17,event,2025-04-15,,PAK,,,,heroin,NaN,kg,,
                z18,event,2025-04-15,,PAK,,,,mixed,1,kg,,
                z19,period_total,2025-03-31,,PAK,,,,mixed,1,kg,,
                z20,period_total,2025-03-31,2025-01-01,PAK,,,,all drugs,1.5,t,,
                z21,event,2025-04-15,,PAK,,,,sugar,1,kg,,
                z22,event,2025-04-15,,PAK,,,,heroin,1,bags,,
                z23,event,2025-04-15,,PAK,pk,origin,,heroin,1,kg,,
                z24,event,2025-04-15,,PAK,,,space,heroin,1,kg,,
                z25,event,2023-06-01,,PAK,,,,heroin,,,100,PKR
                z26,event,2026-01-10,,PAK,,,,heroin,1,kg,,
                z27,event,2026-01-10,,PAK,,,,heroin,,,100,USD
                z28,event,2025-04-15,,PAK,,,,heroin,,,123456789012345678901234567890,USD
                z29,Event,2025-04-15,,PAK,Iran,Transit,,Heroin,7,KG,,
                z30,raid,2025-04-15,,PAK,,,,heroin,1,kg,,
                z31,event,2025-04-15,,PAK,ARE,,,heroin,1,kg,,
                z32,event,2025-04-15,,PAK,,,,heroin,,,100,
                z33,event,2025-04-15,,PAK,,,,,1,kg,,
                z34,period_total,2025-03-31,2025-04-01,PAK,,,,mixed,1,kg,,
                z35,event,2025-04-15,,PAK,,,,heroin,12 kg,kg,,
                z36,event,2025-04-15,,PAK,,,,heroin,250,mg,,
                z37,event,2025-04-15,,PAK,,,,heroin,1,oz,,
                z38,event,2025-04-15,,PAK,,,,heroin,,,13372,PKR
                z40,event,2025-04-15,,Atlantis,,,,heroin,1,kg,,
                z41,event,2025-04-15,,PAK,ARE,helper,,heroin,1,kg,,
                z42,event,2025-04-15,,PAK,,,,heroin,,,999999999999999999,EUR
                """;
        String[] lines = table.split("\n");
        StringBuilder csv = new StringBuilder(lines[0]).append(",sources,recorded_at\n");
        for (int i = 1; i < lines.length; i++) {
            // z01 lists its source twice: it is one source
            String sources = lines[i].startsWith("z01,") ? "https://example.org/z;https://example.org/z"
                    : "https://example.org/z";
            csv.append(lines[i]).append(',').append(sources).append(",2025-09-11T08:00:00Z\n");
        }
        Path file = write(dir, "seizures.csv", csv.toString());

        Configuration conf = spark().sparkContext().hadoopConfiguration();
        ReferenceData ref = ReferenceData.load(null, conf);
        DatasetSpec spec = DatasetSpec.SEIZURES;
        rows = LedgerRows.byRecordId(LedgerRows.ledger(spec, 1 << 20, ref, AS_OF, file).collectAsList());
    }

    /** A decimal column as plain text, keeping its scale (kg has 9 decimals, USD 2), or null. */
    static String dec(String id, String field) {
        BigDecimal d = rows.row(id).getAs(field);
        return d == null ? null : d.toPlainString();
    }

    static void assertAccepted(String id) {
        rows.assertStatus(id, "accepted", null, null);
    }

    @Test
    void everyRowIsSettledOnce() {
        assertEquals(41, rows.size());
        Map<String, Long> byStatus = rows.countByStatus();
        // accepted: z01-z09, z20, z29, z36, z37, z38 = 14; after_as_of: z26 (and z27, see afterAsOfWithAValue);
        // quarantined: the other 25 (26 while z27 is quarantined no_fx_rate)
        assertEquals(14L, byStatus.get("accepted"));
        assertEquals(27L, byStatus.get("quarantined") + byStatus.getOrDefault("after_as_of", 0L));
        assertNull(byStatus.get("null"), "undecided rows left");
    }

    @Test
    void countriesSectorAndDrugAreCanonicalised() {
        assertAccepted("z01");
        assertEquals("PAK", rows.get("z01", "reporting_country")); // Pakistan
        assertEquals("ARE", rows.get("z01", "partner_country")); // UAE
        assertEquals("joint_operation", rows.get("z01", "partner_role"));
        assertEquals("heroin", rows.get("z01", "drug"));
        assertEquals("event", rows.get("z01", "kind"));
        assertEquals(Date.valueOf("2025-04-15"), rows.row("z01").getAs("date"));
        assertEquals(List.of("https://example.org/z"), rows.list("z01", "sources"));
        // "Event", "Iran", "Transit", "Heroin", "KG": matched case-insensitively
        assertAccepted("z29");
        assertEquals("event", rows.get("z29", "kind"));
        assertEquals("IRN", rows.get("z29", "partner_country"));
        assertEquals("transit", rows.get("z29", "partner_role"));
        assertEquals("heroin", rows.get("z29", "drug"));
        assertEquals("kg", rows.get("z29", "unit"));
        assertEquals("7.000000000", dec("z29", "kg"));
        // drug aliases: meth -> methamphetamine, captagon -> amphetamine
        assertEquals("methamphetamine", rows.get("z02", "drug"));
        assertEquals("amphetamine", rows.get("z04", "drug"));
    }

    @Test
    void sectorDefaultsToCounterNarcotics() {
        assertEquals("counter_narcotics", rows.get("z01", "sector")); // empty
        assertEquals("counter_terrorism", rows.get("z02", "sector")); // "CT"
        assertNull(rows.get("z02", "partner_country"));
    }

    @Test
    void massVolumeAndCountUnits() {
        // 500 g x 0.001 = 0.5 kg
        assertEquals("0.500000000", dec("z01", "kg"));
        assertNull(dec("z01", "count_units"));
        assertEquals("g", rows.get("z01", "unit"));
        // 2 l x 1 kg per litre = 2 kg
        assertEquals("2.000000000", dec("z02", "kg"));
        // 1000 tablets stay a count
        assertNull(dec("z04", "kg"));
        assertEquals("1000.000000000", dec("z04", "count_units"));
        // 250 mg x 0.000001 = 0.00025 kg
        assertEquals("0.000250000", dec("z36", "kg"));
        // a total of 1.5 t = 1500 kg, drug "all drugs" is an alias of mixed
        assertAccepted("z20");
        assertEquals("period_total", rows.get("z20", "kind"));
        assertEquals("mixed", rows.get("z20", "drug"));
        assertEquals(Date.valueOf("2025-01-01"), rows.row("z20").getAs("period_start"));
        assertEquals("1500.000000000", dec("z20", "kg"));
    }

    @Test
    void massConversionKeepsNineDecimals() {
        assertAccepted("z03");
        // 3 lb x 0.45359237 = 1.36077711 kg
        assertEquals("1.360777110", dec("z03", "kg"));
        // 1 oz x 0.028349523125 = 0.028349523125 -> 9 decimals, half up: 0.028349523
        assertEquals("0.028349523", dec("z37", "kg"));
    }

    @Test
    void valueConvertsAtTheLatestRateOnOrBeforeTheDate() {
        // PKR on 2025-04-15: rate of 2025-04-01 = 0.00356379; 1,000,000 x 0.00356379 = 3563.79
        assertAccepted("z05");
        assertEquals("3563.79", dec("z05", "value_usd"));
        assertEquals("PKR", rows.get("z05", "currency"));
        // EUR on 2025-03-20: rate of 2025-03-01 = 1.038; 1234.56 x 1.038 = 1281.47328 -> 1281.47
        assertEquals("1281.47", dec("z06", "value_usd"));
        // "eur" on 2025-04-30: rate of 2025-04-01 = 1.079; 100 x 1.079 = 107.90
        assertAccepted("z07");
        assertEquals("EUR", rows.get("z07", "currency"));
        assertEquals("107.90", dec("z07", "value_usd"));
        // EUR on 2025-05-01: that day's rate 1.129; 100 x 1.129 = 112.90
        assertEquals("112.90", dec("z08", "value_usd"));
        // USD: rate 1 since 2000-01-01
        assertEquals("250.00", dec("z09", "value_usd"));
        assertNull(dec("z09", "kg"));
        // a seizure with a value and no quantity has no kg
        assertNull(dec("z05", "kg"));
        assertNull(dec("z05", "count_units"));
    }

    @Test
    void usdIsRoundedOnceFromTheExactProduct() {
        // PKR on 2025-04-15: rate of 2025-04-01 = 0.00356379; 13372 x 0.00356379 = 47.65499988 -> 47.65
        // (rounded first to 6 decimals it is 47.655000, which rounds half up to 47.66)
        assertAccepted("z38");
        assertEquals("47.65", dec("z38", "value_usd"));
    }

    @Test
    void noRateForTheCurrency() {
        // no BHD row in fx_rates.csv at all
        rows.assertQuarantined("z10", "no_fx_rate", "no BHD rate on or before 2025-04-15");
        // PKR rates start on 2024-01-01
        rows.assertQuarantined("z25", "no_fx_rate", "no PKR rate on or before 2023-06-01");
    }

    @Test
    void unknownCurrency() {
        rows.assertQuarantined("z11", "unknown_currency", "currency: unknown currency 'XYZ'");
    }

    @Test
    void negativeAmounts() {
        rows.assertQuarantined("z12", "negative_amount", "quantity is negative: -5");
        rows.assertQuarantined("z13", "negative_amount", "value is negative: -1");
    }

    @Test
    void missingFields() {
        rows.assertQuarantined("z14", "missing_field", "unit is missing (required with quantity)");
        rows.assertQuarantined("z19", "missing_field", "period_start is missing (required for a period_total)");
        rows.assertQuarantined("z31", "missing_field", "partner_role is missing (required with partner_country)");
        rows.assertQuarantined("z32", "missing_field", "currency is missing (required with value)");
        rows.assertQuarantined("z33", "missing_field", "drug is missing (required for an event)");
        rows.assertQuarantined("z15", "missing_measure", "neither quantity nor value is given");
    }

    @Test
    void invalidNumbers() {
        rows.assertQuarantined("z16", "invalid_number", "value: '1e400' is too large (at most 18 digits before the decimal point)");
        rows.assertQuarantined("z17", "invalid_number", "quantity: 'NaN' is not a decimal number");
        rows.assertQuarantined("z35", "invalid_number", "quantity: '12 kg' is not a decimal number");
        // 30 integer digits do not fit the parser's decimal(24,6) (Rules.AMOUNT: 18 integer digits)
        rows.assertQuarantined("z28", "invalid_number",
                "value: '123456789012345678901234567890' is too large (at most 18 digits before the decimal point)");
        // 18 integer digits fit decimal(24,6), but EUR on 2025-04-15 (rate of 2025-04-01 = 1.079):
        // 999999999999999999 x 1.079 = 1078999999999999998.921, 19 integer digits: not a decimal(20,2)
        rows.assertQuarantined("z42", "invalid_number", "value 999999999999999999 in USD does not fit decimal(20,2)");
    }

    @Test
    void unknownValues() {
        rows.assertQuarantined("z18", "unknown_drug",
                "drug: 'mixed' is only for a period_total; an event names its drug");
        rows.assertQuarantined("z21", "unknown_drug", "drug: unknown drug 'sugar'");
        rows.assertQuarantined("z22", "unknown_unit", "unit: unknown unit 'bags'");
        rows.assertQuarantined("z24", "unknown_sector", "sector: unknown sector 'space'");
        rows.assertQuarantined("z30", "unknown_enum", "kind: 'raid' is not one of event, period_total");
        rows.assertQuarantined("z40", "unknown_country", "reporting_country: unknown country 'Atlantis'");
        rows.assertQuarantined("z41", "unknown_enum",
                "partner_role: 'helper' is not one of joint_operation, origin, destination, transit");
    }

    @Test
    void sameCountry() {
        // "PAK" and "pk"
        rows.assertQuarantined("z23", "same_country", "reporting_country and partner_country are both PAK");
    }

    @Test
    void periodStartAfterDate() {
        rows.assertQuarantined("z34", "invalid_date", "period_start 2025-04-01 is after date 2025-03-31");
    }

    @Test
    void afterAsOf() {
        rows.assertStatus("z26", "after_as_of", null, null); // 2026-01-10 > 2025-12-31, given in kg
    }

    @Test
    void afterAsOfWithAValue() {
        // 2026-01-10 > 2025-12-31; 100 USD has a rate (USD is 1 from 2000-01-01)
        rows.assertStatus("z27", "after_as_of", null, null);
    }
}
