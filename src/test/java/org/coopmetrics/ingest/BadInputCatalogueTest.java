package org.coopmetrics.ingest;

import static org.coopmetrics.SparkTestSupport.deleteTree;
import static org.coopmetrics.SparkTestSupport.spark;
import static org.coopmetrics.SparkTestSupport.write;
import static org.coopmetrics.SparkTestSupport.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.coopmetrics.cli.CliRun;
import org.coopmetrics.cli.CliRun.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input catalogue (issue 5): every case is a tiny file with the exact outcome it must have.
 *
 * <p>Row-level cases all live in one input folder, one file per case, and are checked after ONE run of the
 * command line: the quarantine rows of the case's file (line, reason, a substring of the detail, record id),
 * the records it must accept (found in the evidence report), and per dataset the manifest's counts against
 * the sum over the cases, so that read = accepted + quarantined + superseded + after_as_of and nothing is
 * lost. Run-level cases (whole-run errors) each run on their own, checking the exit code and the message.
 */
class BadInputCatalogueTest {
    @TempDir
    static Path dir;

    static final String AS_OF = "2025-12-31";
    static final int MAX_RECORD_BYTES = 1024;

    /** One expected row outcome: a status, the record id (when readable), and for quarantine line/reason/detail. */
    record Expect(String status, String recordId, long line, String reason, String detail, Set<String> sectors) {
        static Expect accepted(String id) {
            return new Expect("accepted", id, 0, null, null, null);
        }

        static Expect acceptedIn(String id, String... sectors) {
            return new Expect("accepted", id, 0, null, null, new TreeSet<>(Arrays.asList(sectors)));
        }

        static Expect quarantined(long line, String id, String reason, String detail) {
            return new Expect("quarantined", id, line, reason, detail, null);
        }

        static Expect superseded(String id) {
            return new Expect("superseded", id, 0, null, null, null);
        }

        static Expect afterAsOf(String id) {
            return new Expect("after_as_of", id, 0, null, null, null);
        }
    }

    /** One catalogue case: a file in a dataset's folder, and every row it must produce. */
    record Case(String name, String dataset, String file, byte[] content, List<Expect> expect) {
        @Override
        public String toString() {
            return dataset + "/" + file;
        }
    }

    static final List<Case> CASES = new ArrayList<>();

    // ---- building blocks -------------------------------------------------------------------------------------

    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A JSON object from a base record with fields replaced (raw JSON values), added, or removed (null). */
    static String obj(Map<String, String> base, String... overrides) {
        Map<String, String> m = new LinkedHashMap<>(base);
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                m.remove(overrides[i]);
            } else {
                m.put(overrides[i], overrides[i + 1]);
            }
        }
        return m.entrySet().stream().map(e -> q(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    static Map<String, String> statement(String id) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("statement_id", q(id));
        m.put("date", q("2025-09-10"));
        m.put("speaker", q("A. Minister"));
        m.put("speaker_country", q("PAK"));
        m.put("counterpart_country", q("BHR"));
        m.put("sectors", "[\"CT\"]");
        m.put("kind", q("intent"));
        m.put("sources", "[\"https://example.org/" + id + "\"]");
        m.put("recorded_at", q("2025-09-11T00:00:00Z"));
        return m;
    }

    static Map<String, String> agreement(String id) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("agreement_id", q(id));
        m.put("type", q("mou"));
        m.put("title", q("MoU on " + id));
        m.put("parties", "[\"PAK\",\"BHR\"]");
        m.put("sectors", "[\"extradition\"]");
        m.put("announced_on", q("2025-09-10"));
        m.put("sources", "[\"https://example.org/" + id + "\"]");
        m.put("recorded_at", q("2025-09-11T00:00:00Z"));
        return m;
    }

    static Map<String, String> seizure(String id) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("seizure_id", q(id));
        m.put("kind", q("event"));
        m.put("date", q("2025-09-01"));
        m.put("reporting_country", q("PAK"));
        m.put("drug", q("heroin"));
        m.put("quantity", q("12"));
        m.put("unit", q("kg"));
        m.put("sources", "[\"https://example.org/" + id + "\"]");
        m.put("recorded_at", q("2025-09-11T00:00:00Z"));
        return m;
    }

    static final String STATEMENT_HEADER = "statement_id,date,speaker,speaker_country,counterpart_country,sectors,kind,"
            + "quote,sources,recorded_at\n";
    static final String SEIZURE_HEADER = "seizure_id,kind,date,reporting_country,partner_country,partner_role,drug,"
            + "quantity,unit,value,currency,sources,recorded_at\n";

    /** A statement CSV row (10 fields, matching STATEMENT_HEADER). */
    static String csvStatement(String id, String quote) {
        return id + ",2025-09-10,A. Minister,PAK,BHR,CT,intent," + quote + ",https://example.org/" + id
                + ",2025-09-11T00:00:00Z\n";
    }

    /** A seizure CSV row (13 fields, matching SEIZURE_HEADER). */
    static String csvSeizure(String id, String date, String quantity, String unit, String value, String currency) {
        return id + ",event," + date + ",PAK,,,heroin," + quantity + "," + unit + "," + value + "," + currency
                + ",https://example.org/" + id + ",2025-09-11T00:00:00Z\n";
    }

    static void add(String name, String dataset, String ext, String content, Expect... expect) {
        add(name, dataset, ext, content.getBytes(StandardCharsets.UTF_8), expect);
    }

    static void add(String name, String dataset, String ext, byte[] content, Expect... expect) {
        CASES.add(new Case(name, dataset, name + "." + ext, content, List.of(expect)));
    }

    static Expect bad(String id, String reason, String detail) {
        return Expect.quarantined(1, id, reason, detail);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static {
        String st = "statements";
        String ag = "agreements";
        String sz = "seizures";

        // ---- file and record level ----
        add("not_json", st, "jsonl", "this is not JSON at all\n",
                bad(null, "malformed_record", "not a JSON object"));
        add("json_half_object", st, "jsonl", "{\"statement_id\": \"half\", \"date\":\n",
                bad(null, "malformed_record", "not a JSON object"));
        add("truncated_last_line", st, "jsonl",
                obj(statement("trunc1")) + "\n" + obj(statement("trunc2")).substring(0, 60),
                Expect.accepted("trunc1"), Expect.quarantined(2, null, "malformed_record", "not a JSON object"));
        add("empty_file", st, "jsonl", "");
        add("blank_lines_only", st, "jsonl", "\n   \n\t\n");
        add("utf8_bom_jsonl", st, "jsonl", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8(obj(statement("bom_json")) + "\n")), Expect.accepted("bom_json"));
        add("crlf_jsonl", st, "jsonl", obj(statement("crlf1")) + "\r\n" + obj(statement("crlf2")) + "\r\n",
                Expect.accepted("crlf1"), Expect.accepted("crlf2"));
        add("latin1_bytes", st, "jsonl", obj(statement("latin1"), "speaker", q("Jos\u00e9"))
                .getBytes(StandardCharsets.ISO_8859_1),
                Expect.quarantined(1, "latin1", "malformed_record", "line is not valid UTF-8 (save the file as UTF-8)"));
        byte[] garbage = new byte[600];
        for (int i = 0; i < garbage.length; i++) {
            int b = (i * 131 + 17) & 0xFF;
            garbage[i] = (byte) (b == '\n' || b == '\r' ? 0xFE : b);
        }
        add("binary_garbage", st, "jsonl", garbage, bad(null, "malformed_record", "not valid UTF-8"));
        add("long_line", st, "jsonl", obj(statement("long"), "quote", q("x".repeat(5000))) + "\n",
                bad("long", "malformed_record", "over the limit of " + MAX_RECORD_BYTES + " bytes (max_record_bytes)"));
        // the id is read from the bytes kept for the report, when it comes before the cut
        add("long_line_id_first", st, "jsonl", "{\"statement_id\": \"g104\", \"date\": \"2025-09-10\", \"quote\": "
                + q("x".repeat(5000)) + "}\n",
                bad("g104", "malformed_record", "over the limit of " + MAX_RECORD_BYTES + " bytes (max_record_bytes)"));
        add("long_line_id_last", st, "jsonl", "{\"quote\": " + q("x".repeat(5000)) + ", \"statement_id\": \"g105\"}\n",
                bad(null, "malformed_record", "over the limit of " + MAX_RECORD_BYTES + " bytes (max_record_bytes)"));
        add("csv_long_line_id", st, "csv", STATEMENT_HEADER + csvStatement("g106", "x".repeat(5000)),
                Expect.quarantined(2, "g106", "malformed_record",
                        "over the limit of " + MAX_RECORD_BYTES + " bytes (max_record_bytes)"));

        // ---- types, nulls, empties ----
        add("list_as_string", st, "jsonl", obj(statement("list_str"), "sectors", q("CT")) + "\n",
                bad("list_str", "malformed_record", "sectors: expected a JSON array of strings, got CT"));
        add("null_required", st, "jsonl", obj(statement("null_speaker"), "speaker", "null") + "\n",
                bad("null_speaker", "missing_field", "speaker is missing"));
        add("absent_required", st, "jsonl", obj(statement("no_kind"), "kind", null) + "\n",
                bad("no_kind", "missing_field", "kind is missing"));
        add("empty_string", st, "jsonl", obj(statement("empty_speaker"), "speaker", q("")) + "\n",
                bad("empty_speaker", "missing_field", "speaker is missing"));
        add("blank_string", st, "jsonl", obj(statement("blank_country"), "counterpart_country", q("   ")) + "\n",
                bad("blank_country", "missing_field", "counterpart_country is missing"));
        add("empty_list", st, "jsonl", obj(statement("empty_sectors"), "sectors", "[]") + "\n",
                bad("empty_sectors", "missing_field", "sectors is missing or empty"));
        add("null_id", st, "jsonl", obj(statement("x"), "statement_id", "null") + "\n",
                bad(null, "missing_field", "statement_id is missing"));
        add("invalid_source", st, "jsonl", obj(statement("ftp_src"), "sources", "[\"ftp://example.org/x\"]") + "\n",
                bad("ftp_src", "invalid_source", "sources: 'ftp://example.org/x' is not an http(s) URL"));

        // ---- dates ----
        add("date_does_not_exist", st, "jsonl", obj(statement("feb30"), "date", q("2025-02-30")) + "\n",
                bad("feb30", "invalid_date", "date: '2025-02-30' is not a real date"));
        add("date_other_format", st, "jsonl", obj(statement("slashdate"), "date", q("10/09/2025")) + "\n",
                bad("slashdate", "invalid_date", "date: '10/09/2025' is not a real date"));
        add("recorded_at_offset", st, "jsonl",
                obj(statement("offset"), "recorded_at", q("2025-09-11T08:30:00+05:00")) + "\n",
                Expect.accepted("offset"));
        add("recorded_at_no_zone", st, "jsonl",
                obj(statement("nozone"), "recorded_at", q("2025-09-11T08:30:00")) + "\n",
                bad("nozone", "invalid_date", "recorded_at: '2025-09-11T08:30:00' is not an ISO-8601 instant"));
        add("after_as_of", st, "jsonl", obj(statement("future"), "date", q("2026-01-05")) + "\n",
                Expect.afterAsOf("future"));

        // ---- countries, sectors, enums ----
        add("unknown_country", st, "jsonl", obj(statement("atlantis"), "counterpart_country", q("Atlantis")) + "\n",
                bad("atlantis", "unknown_country", "counterpart_country: unknown country 'Atlantis'"));
        add("regional_code_eur", st, "jsonl", obj(statement("eur_region"), "counterpart_country", q("EUR")) + "\n",
                bad("eur_region", "unknown_country", "counterpart_country: unknown country 'EUR'"));
        add("same_country", st, "jsonl", obj(statement("self"), "counterpart_country", q("Pakistan")) + "\n",
                bad("self", "same_country", "speaker_country and counterpart_country are both PAK"));
        String hundred = java.util.stream.IntStream.range(0, 100).mapToObj(i -> i % 2 == 0 ? "\"CT\"" : "\"CN\"")
                .collect(Collectors.joining(",", "[", "]"));
        add("hundred_valid_sectors", st, "jsonl", obj(statement("sectors100"), "sectors", hundred) + "\n",
                Expect.acceptedIn("sectors100", "counter_narcotics", "counter_terrorism"));
        String hundredUnknown = java.util.stream.IntStream.range(1, 101).mapToObj(i -> "x" + i)
                .collect(Collectors.joining(";"));
        add("hundred_unknown_sectors", st, "csv", STATEMENT_HEADER
                + "sectors100x,2025-09-10,A,PAK,BHR," + hundredUnknown + ",intent,,https://example.org/s,"
                + "2025-09-11T00:00:00Z\n",
                Expect.quarantined(2, "sectors100x", "unknown_sector", "sectors: unknown sector 'x1'"));
        add("unknown_kind", st, "jsonl", obj(statement("rumour"), "kind", q("rumour")) + "\n",
                bad("rumour", "unknown_enum", "kind: 'rumour' is not one of intent"));

        // ---- revisions ----
        add("ambiguous_revision", st, "jsonl",
                obj(statement("twin")) + "\n" + obj(statement("twin"), "speaker", q("Someone Else")) + "\n",
                Expect.quarantined(1, "twin", "ambiguous_revision", "2 rows share statement_id 'twin'"),
                Expect.quarantined(2, "twin", "ambiguous_revision", "2 rows share statement_id 'twin'"));
        add("identical_copies", st, "jsonl", obj(statement("copy")) + "\n" + obj(statement("copy")) + "\n",
                Expect.accepted("copy"), Expect.superseded("copy"));
        add("later_revision_wins", st, "jsonl",
                obj(statement("rev"), "counterpart_country", q("Atlantis")) + "\n"
                        + obj(statement("rev"), "recorded_at", q("2025-10-01T00:00:00Z")) + "\n",
                Expect.superseded("rev"), Expect.accepted("rev"));

        // ---- CSV ----
        add("csv_quoted_separator", st, "csv", STATEMENT_HEADER + csvStatement("quoted_sep", "\"We, together, act\""),
                Expect.accepted("quoted_sep"));
        add("csv_embedded_newline", st, "csv", STATEMENT_HEADER
                + csvStatement("newline", "\"first line\nsecond line\"")
                + csvStatement("after_newline", "fine").replace(",BHR,", ",Atlantis,"),
                Expect.accepted("newline"),
                Expect.quarantined(4, "after_newline", "unknown_country", "counterpart_country: unknown country"));
        add("csv_too_many_fields", st, "csv", STATEMENT_HEADER + csvStatement("wide", "a,b"),
                Expect.quarantined(2, null, "malformed_record", "CSV record has 11 fields but the header has 10"));
        add("csv_too_few_fields", st, "csv", STATEMENT_HEADER + "narrow,2025-09-10,A,PAK,BHR\n",
                Expect.quarantined(2, null, "malformed_record", "CSV record has 5 fields but the header has 10"));
        add("csv_missing_header", st, "csv", csvStatement("headless1", "q") + csvStatement("headless2", "q"),
                Expect.quarantined(1, null, "malformed_record", "CSV header missing"),
                Expect.quarantined(2, null, "malformed_record", "CSV header missing"));
        add("csv_utf8_bom", st, "csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8(STATEMENT_HEADER + csvStatement("bom_csv", "q"))), Expect.accepted("bom_csv"));
        add("csv_crlf", st, "csv", (STATEMENT_HEADER + csvStatement("crlf_csv", "q")).replace("\n", "\r\n"),
                Expect.accepted("crlf_csv"));
        add("csv_unclosed_quote", st, "csv", STATEMENT_HEADER + csvStatement("unclosed", "\"never closed"),
                Expect.quarantined(2, null, "malformed_record",
                        "unbalanced quote: a quoted field opened on this line is never closed"));
        add("csv_line_cut_inside_quotes", st, "csv", STATEMENT_HEADER
                        + "cut1,2025-09-10,A. Minister,PAK,BHR,CT,intent,\"He said, hi\n"
                        + csvStatement("cut2", "\"fine, quoted\""),
                // joined, the two lines would have the header's 10 fields: the whole record on line 3 decides
                Expect.quarantined(2, null, "malformed_record", "was this line cut short?"),
                Expect.accepted("cut2"));
        add("csv_stray_quote_swallows_nothing", st, "csv", STATEMENT_HEADER + csvStatement("stray1", "q")
                        + csvStatement("stray2", "\"opened by mistake") + csvStatement("stray3", "q")
                        + csvStatement("stray4", "\"two\nlines\"") + csvStatement("stray5", "q"),
                Expect.accepted("stray1"),
                // line 3's quote would close on line 5 (stray4's opening quote), but line 4 is a whole record
                Expect.quarantined(3, null, "malformed_record", "not closed before line 4"),
                Expect.accepted("stray3"),
                Expect.accepted("stray4"), // its quoted line break is still read as one
                Expect.accepted("stray5"));
        add("csv_columns_reordered_extra", st, "csv",
                "recorded_at,notes,kind,sectors,sources,statement_id,date,speaker,counterpart_country,speaker_country\n"
                        + "2025-09-11T00:00:00Z,ignored,praise,border;CT,https://example.org/r,reordered,2025-09-10,"
                        + "A,BHR,PAK\n",
                Expect.acceptedIn("reordered", "border_security", "counter_terrorism"));

        // ---- agreements ----
        add("one_party", ag, "jsonl", obj(agreement("solo"), "parties", "[\"PAK\"]") + "\n",
                bad("solo", "too_few_parties", "parties: needs two distinct countries, got PAK"));
        add("same_party_twice", ag, "jsonl", obj(agreement("solo2"), "parties", "[\"PAK\",\"Pakistan\"]") + "\n",
                bad("solo2", "too_few_parties", "parties: needs two distinct countries, got PAK"));
        add("lifecycle_out_of_order", ag, "jsonl",
                obj(agreement("backwards"), "signed_on", q("2025-09-01")) + "\n",
                bad("backwards", "inconsistent_lifecycle", "signed_on 2025-09-01 precedes announced_on 2025-09-10"));
        add("no_announced_or_signed", ag, "jsonl", obj(agreement("undated"), "announced_on", null) + "\n",
                bad("undated", "missing_field", "announced_on or signed_on is required"));
        add("regional_party_afr", ag, "jsonl", obj(agreement("afr"), "parties", "[\"PAK\",\"AFR\"]") + "\n",
                bad("afr", "unknown_country", "parties: unknown country 'AFR'"));
        add("unknown_type", ag, "jsonl", obj(agreement("pact"), "type", q("pact")) + "\n",
                bad("pact", "unknown_enum", "type: 'pact' is not one of"));
        add("multilateral_csv", ag, "csv",
                "agreement_id,type,title,parties,sectors,announced_on,signed_on,sources,recorded_at\n"
                        + "multi,treaty,\"Treaty, three parties\",PAK;BHR;IND,extradition,2025-09-10,2025-10-01,"
                        + "https://example.org/m,2025-09-11T00:00:00Z\n",
                Expect.accepted("multi"));

        // ---- seizures: numbers ----
        add("nan", sz, "csv", SEIZURE_HEADER + csvSeizure("nan", "2025-09-01", "NaN", "kg", "", ""),
                Expect.quarantined(2, "nan", "invalid_number", "quantity: 'NaN' is not a decimal number"));
        add("infinity", sz, "csv", SEIZURE_HEADER + csvSeizure("inf", "2025-09-01", "Infinity", "kg", "", ""),
                Expect.quarantined(2, "inf", "invalid_number", "quantity: 'Infinity' is not a decimal number"));
        add("huge_exponent", sz, "jsonl", obj(seizure("e400"), "quantity", q("1e400")) + "\n",
                bad("e400", "invalid_number", "quantity: '1e400' is too large (at most 18 digits before the decimal point)"));
        add("with_unit_text", sz, "jsonl", obj(seizure("twelvekg"), "quantity", q("12 kg")) + "\n",
                bad("twelvekg", "invalid_number", "quantity: '12 kg' is not a decimal number"));
        add("number_as_json_number", sz, "jsonl", obj(seizure("jsonnum"), "quantity", "12.5") + "\n",
                Expect.accepted("jsonnum"));
        add("too_large_for_usd", sz, "csv", SEIZURE_HEADER
                + csvSeizure("huge_usd", "2025-09-01", "", "", "999999999999999999", "EUR"),
                Expect.quarantined(2, "huge_usd", "invalid_number", "in USD does not fit decimal(20,2)"));
        add("too_large_to_read", sz, "csv", SEIZURE_HEADER
                + csvSeizure("huge_value", "2025-09-01", "", "", "99999999999999999999", "USD"),
                Expect.quarantined(2, "huge_value", "invalid_number",
                        "value: '99999999999999999999' is too large (at most 18 digits before the decimal point)"));
        add("negative_amount", sz, "jsonl", obj(seizure("minus"), "quantity", q("-350")) + "\n",
                bad("minus", "negative_amount", "quantity is negative: -350"));
        add("quantity_without_unit", sz, "jsonl", obj(seizure("nounit"), "unit", null) + "\n",
                bad("nounit", "missing_field", "unit is missing (required with quantity)"));
        add("no_measure", sz, "jsonl", obj(seizure("nomeasure"), "quantity", null, "unit", null) + "\n",
                bad("nomeasure", "missing_measure", "neither quantity nor value is given"));

        // ---- seizures: reference look-ups ----
        add("unknown_currency", sz, "csv", SEIZURE_HEADER
                + csvSeizure("xyz", "2025-09-01", "", "", "100", "XYZ"),
                Expect.quarantined(2, "xyz", "unknown_currency", "currency: unknown currency 'XYZ'"));
        add("fx_rate_missing", sz, "csv", SEIZURE_HEADER
                + csvSeizure("old_eur", "2023-06-01", "", "", "100", "EUR"),
                Expect.quarantined(2, "old_eur", "no_fx_rate", "no EUR rate on or before 2023-06-01"));
        add("fx_rate_present", sz, "csv", SEIZURE_HEADER
                + csvSeizure("eur_ok", "2025-09-01", "", "", "100", "eur"),
                Expect.accepted("eur_ok"));
        add("unknown_unit", sz, "jsonl", obj(seizure("bushel"), "unit", q("bushel")) + "\n",
                bad("bushel", "unknown_unit", "unit: unknown unit 'bushel'"));
        add("unknown_drug", sz, "jsonl", obj(seizure("aspirin"), "drug", q("aspirin")) + "\n",
                bad("aspirin", "unknown_drug", "drug: unknown drug 'aspirin'"));
        add("mixed_on_event", sz, "jsonl", obj(seizure("mixed"), "drug", q("mixed")) + "\n",
                bad("mixed", "unknown_drug", "'mixed' is only for a period_total"));
        add("partner_without_role", sz, "jsonl", obj(seizure("norole"), "partner_country", q("IRN")) + "\n",
                bad("norole", "missing_field", "partner_role is missing (required with partner_country)"));
        add("same_country_partner", sz, "jsonl",
                obj(seizure("selfpartner"), "partner_country", q("PK"), "partner_role", q("origin")) + "\n",
                bad("selfpartner", "same_country", "reporting_country and partner_country are both PAK"));
        add("regional_reporting_country", sz, "jsonl", obj(seizure("eur_rep"), "reporting_country", q("EUR")) + "\n",
                bad("eur_rep", "unknown_country", "reporting_country: unknown country 'EUR'"));
        add("total_without_period_start", sz, "jsonl",
                obj(seizure("total"), "kind", q("period_total"), "drug", q("mixed")) + "\n",
                bad("total", "missing_field", "period_start is missing (required for a period_total)"));

        // ---- more shapes of JSON ----
        add("json_array_line", st, "jsonl", "[\"a\",\"b\"]\n",
                bad(null, "malformed_record", "not a JSON object"));
        add("json_null_line", st, "jsonl", "null\n", bad(null, "malformed_record", "not a JSON object"));
        add("json_empty_object", st, "jsonl", "{}\n", bad(null, "missing_field", "statement_id is missing"));
        add("object_in_text_field", st, "jsonl", obj(statement("obj_speaker"), "speaker", "{\"name\": \"X\"}") + "\n",
                bad("obj_speaker", "malformed_record", "speaker: expected text, got a JSON object"));
        add("array_in_text_field", st, "jsonl", obj(statement("arr_kind"), "kind", "[\"praise\"]") + "\n",
                bad("arr_kind", "malformed_record", "kind: expected text, got a JSON array"));
        add("object_in_list", st, "jsonl", obj(statement("obj_src"), "sources", "[{\"url\": \"https://a.example\"}]")
                + "\n", bad("obj_src", "malformed_record",
                        "sources: expected a JSON array of strings, got an array holding a JSON object"));
        add("key_given_twice", st, "jsonl", obj(statement("twice")).replace("}", ", \"date\": \"2025-09-11\"}") + "\n",
                bad("twice", "malformed_record", "date is given twice in the object"));
        add("unquoted_nan", sz, "jsonl", obj(seizure("nan_json"), "quantity", "NaN") + "\n",
                bad("nan_json", "invalid_number", "quantity: 'NaN' is not a decimal number"));
        add("unquoted_minus_infinity", sz, "jsonl", obj(seizure("inf_json"), "quantity", "-Infinity") + "\n",
                bad("inf_json", "invalid_number", "quantity: '-Infinity' is not a decimal number"));
        add("unquoted_1e400", sz, "jsonl", obj(seizure("e400_json"), "value", "1e400", "currency", q("USD")) + "\n",
                bad("e400_json", "invalid_number",
                        "value: '1e400' is too large (at most 18 digits before the decimal point)"));
        add("raw_control_character", st, "jsonl", obj(statement("nul"), "speaker", q("A\u0000B")) + "\n",
                bad(null, "malformed_record", "not a JSON object"));
        add("number_as_id", st, "jsonl", obj(statement("x"), "statement_id", "42") + "\n", Expect.accepted("42"));
        add("boolean_as_enum", st, "jsonl", obj(statement("bool_kind"), "kind", "true") + "\n",
                bad("bool_kind", "unknown_enum", "kind: 'true' is not one of"));
        add("numbers_in_list", st, "jsonl", obj(statement("num_sectors"), "sectors", "[1,2]") + "\n",
                bad("num_sectors", "unknown_sector", "sectors: unknown sector '1'"));
        add("null_in_list", st, "jsonl", obj(statement("null_src"), "sources", "[null]") + "\n",
                bad("null_src", "missing_field", "sources is missing or empty"));
        add("date_six_digit_year", st, "jsonl", obj(statement("y6"), "date", q("+12025-09-10")) + "\n",
                bad("y6", "invalid_date", "date: '+12025-09-10' is not a real date"));
        add("date_padded_with_spaces", st, "jsonl", obj(statement("padded"), "date", q(" 2025-09-10 ")) + "\n",
                Expect.accepted("padded"));
        add("recorded_at_not_real", st, "jsonl",
                obj(statement("rec_feb30"), "recorded_at", q("2025-02-30T00:00:00Z")) + "\n",
                bad("rec_feb30", "invalid_date", "recorded_at: '2025-02-30T00:00:00Z' is not an ISO-8601 instant"));
        add("same_instant_other_spelling", st, "jsonl", obj(statement("instant")) + "\n"
                + obj(statement("instant"), "recorded_at", q("2025-09-11T05:00:00+05:00")) + "\n",
                Expect.accepted("instant"), Expect.superseded("instant"));
        add("csv_header_only", st, "csv", STATEMENT_HEADER);
        add("csv_multiline_over_limit", st, "csv", STATEMENT_HEADER
                + csvStatement("longml", "\"" + "y".repeat(600) + "\n" + "z".repeat(600) + "\""),
                Expect.quarantined(2, null, "malformed_record",
                        "is not closed within the limit of 1024 bytes (max_record_bytes)"),
                // the line read on is then read on its own
                Expect.quarantined(3, null, "malformed_record", "fields but the header has 10"));
        add("csv_inner_quotes", st, "csv", STATEMENT_HEADER + csvStatement("inner_quotes", "He said \"hi\" there"),
                Expect.accepted("inner_quotes"));
        add("ignored_extension", st, "txt", obj(statement("txt")) + "\n");
        add("period_total", sz, "jsonl", obj(seizure("total_ok"), "kind", q("period_total"), "drug", q("mixed"),
                "period_start", q("2025-01-01")) + "\n", Expect.accepted("total_ok"));
        add("leading_plus", sz, "jsonl", obj(seizure("plus"), "quantity", q("+12")) + "\n", Expect.accepted("plus"));
    }

    // ---- the one run ---------------------------------------------------------------------------------------

    static Path in;
    static Path out;
    static String runErr;
    static int runCode;
    static JsonNode manifest;
    static Map<String, List<Row>> quarantineByFile;
    static Map<String, Set<String>> evidenceSectors; // "dataset/record_id" -> sectors in evidence
    static List<Row> quarantineAll;

    static Outcome run(String... args) {
        return CliRun.run(args);
    }

    static String fileName(String sourceFile) {
        return sourceFile.substring(sourceFile.lastIndexOf('/') + 1);
    }

    @BeforeAll
    static void runOnce() throws IOException {
        spark(); // the job picks up the test JVM's session
        in = dir.resolve("catalogue");
        for (Case c : CASES) {
            writeBytes(in, c.dataset() + "/" + c.file(), c.content());
        }
        Path config = write(dir, "catalogue.json", "{\"max_record_bytes\": " + MAX_RECORD_BYTES + "}");
        out = dir.resolve("catalogue-out");
        Outcome o = run("run", "--config", config.toString(), "--input", in.toString(), "--output", out.toString(),
                "--max-quarantine-ratio", "1", "--grain", "year", "--as-of", AS_OF);
        runCode = o.code();
        runErr = o.err();
        assertEquals(0, runCode, runErr);
        manifest = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
        quarantineAll = spark().read().parquet(out.resolve("quarantine").toString()).collectAsList();
        quarantineByFile = quarantineAll.stream()
                .collect(Collectors.groupingBy(r -> r.<String>getAs("dataset") + "/" + fileName(r.getAs("source_file")),
                        TreeMap::new, Collectors.toList()));
        evidenceSectors = new TreeMap<>();
        for (Row r : spark().read().parquet(out.resolve("evidence").toString())
                .select("dataset", "record_id", "sector").distinct().collectAsList()) {
            evidenceSectors.computeIfAbsent(r.getString(0) + "/" + r.getString(1), k -> new TreeSet<>())
                    .add(r.getString(2));
        }
    }

    @TestFactory
    Stream<DynamicTest> rowLevelCases() {
        return CASES.stream().map(c -> dynamicTest(c.name(), () -> check(c)));
    }

    static void check(Case c) {
        List<Row> got = new ArrayList<>(quarantineByFile.getOrDefault(c.dataset() + "/" + c.file(), List.of()));
        got.sort((a, b) -> Long.compare(a.<Long>getAs("line"), b.<Long>getAs("line")));
        List<Expect> want = c.expect().stream().filter(e -> e.status().equals("quarantined")).toList();
        assertEquals(want.size(), got.size(), c + ": quarantined rows " + got);
        for (int i = 0; i < want.size(); i++) {
            Expect e = want.get(i);
            Row r = got.get(i);
            String where = c + " line " + e.line();
            assertEquals(e.line(), r.<Long>getAs("line"), where + " line");
            assertEquals(e.reason(), r.getAs("reason"), where + " reason (" + r.getAs("detail") + ")");
            assertTrue(r.<String>getAs("detail").contains(e.detail()), where + " detail: " + r.getAs("detail"));
            assertEquals(e.recordId(), r.getAs("record_id"), where + " record_id");
        }
        for (Expect e : c.expect()) {
            if (e.status().equals("accepted")) {
                Set<String> sectors = evidenceSectors.get(c.dataset() + "/" + e.recordId());
                assertNotNull(sectors, c + ": accepted record " + e.recordId() + " is not in the evidence report");
                if (e.sectors() != null) {
                    assertEquals(e.sectors(), sectors, c + ": sectors of " + e.recordId());
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> nothingLost() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String dataset : List.of("statements", "agreements", "seizures")) {
            tests.add(dynamicTest("identity " + dataset, () -> {
                JsonNode d = manifest.at("/datasets/" + dataset);
                long read = d.get("read").asLong();
                assertEquals(read, d.get("accepted").asLong() + d.get("quarantined").asLong()
                        + d.get("superseded").asLong() + d.get("after_as_of").asLong(), d.toString());
                // The manifest's counts are exactly the sum over this dataset's cases.
                Map<String, Long> want = new TreeMap<>();
                CASES.stream().filter(c -> c.dataset().equals(dataset)).flatMap(c -> c.expect().stream())
                        .forEach(e -> want.merge(e.status(), 1L, Long::sum));
                long wantRead = want.values().stream().mapToLong(Long::longValue).sum();
                assertEquals(wantRead, read, dataset + " read");
                for (String s : List.of("accepted", "quarantined", "superseded", "after_as_of")) {
                    assertEquals(want.getOrDefault(s, 0L).longValue(), d.get(s).asLong(), dataset + " " + s);
                }
                Map<String, Long> byReason = new TreeMap<>();
                CASES.stream().filter(c -> c.dataset().equals(dataset)).flatMap(c -> c.expect().stream())
                        .filter(e -> e.reason() != null).forEach(e -> byReason.merge(e.reason(), 1L, Long::sum));
                Map<String, Long> gotByReason = new TreeMap<>();
                d.get("quarantined_by_reason").fields().forEachRemaining(f -> {
                    if (f.getValue().asLong() > 0) {
                        gotByReason.put(f.getKey(), f.getValue().asLong());
                    }
                });
                assertEquals(byReason, gotByReason, dataset + " quarantined_by_reason");
            }));
        }
        tests.add(dynamicTest("quarantined rows keep file, line and raw", () -> {
            assertEquals(CASES.stream().flatMap(c -> c.expect().stream())
                    .filter(e -> e.status().equals("quarantined")).count(), quarantineAll.size());
            for (Row r : quarantineAll) {
                assertNotNull(r.getAs("source_file"), r.toString());
                assertNotNull(r.getAs("line"), r.toString());
                String raw = r.getAs("raw");
                assertNotNull(raw, r.toString());
                assertFalse(raw.isEmpty(), r.toString());
            }
        }));
        tests.add(dynamicTest("no stack trace on stderr", () -> assertNoStackTrace(runErr)));
        return tests.stream();
    }

    static void assertNoStackTrace(String err) {
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "stack trace on stderr:\n" + err);
    }

    // ---- run-level cases ------------------------------------------------------------------------------------

    /** A small valid input folder of its own. */
    static Path validInput(String name) {
        Path p = dir.resolve("run-level").resolve(name);
        write(p, "statements/s.jsonl", obj(statement("s1")) + "\n");
        write(p, "agreements/a.jsonl", obj(agreement("a1")) + "\n");
        write(p, "seizures/z.jsonl", obj(seizure("z1")) + "\n");
        return p;
    }

    static Outcome runOn(Path input, String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--input", input.toString(), "--output",
                dir.resolve("run-level-out").resolve(name).toString(), "--as-of", AS_OF, "--grain", "year"));
        args.addAll(Arrays.asList(extra));
        return run(args.toArray(String[]::new));
    }

    static void expect(Outcome o, int code, String... messages) {
        assertEquals(code, o.code(), o.err());
        for (String m : messages) {
            assertTrue(o.err().contains(m), "stderr lacks '" + m + "':\n" + o.err());
        }
        assertNoStackTrace(o.err());
    }

    static Path referenceDir(String name, String file, String content) {
        Path ref = dir.resolve("reference").resolve(name);
        write(ref, file, content);
        return ref;
    }

    @TestFactory
    Stream<DynamicTest> runLevelCases() {
        return Stream.of(
                dynamicTest("empty_dataset_folder", () -> {
                    Path input = validInput("empty_dataset_folder");
                    deleteTree(input.resolve("seizures"));
                    Files.createDirectories(input.resolve("seizures"));
                    Outcome o = runOn(input, "empty_dataset_folder");
                    expect(o, 0);
                    JsonNode m = new ObjectMapper().readTree(dir.resolve("run-level-out/empty_dataset_folder")
                            .resolve("_manifest.json").toFile());
                    assertEquals(0, m.at("/datasets/seizures/read").asLong());
                    assertEquals(1, m.at("/datasets/statements/accepted").asLong());
                }),
                dynamicTest("missing_dataset_folder", () -> {
                    Path input = validInput("missing_dataset_folder");
                    deleteTree(input.resolve("agreements"));
                    expect(runOn(input, "missing_dataset_folder"), 4, "agreements does not exist");
                }),
                dynamicTest("input_does_not_exist", () -> expect(
                        runOn(dir.resolve("nowhere"), "input_does_not_exist"), 4, "does not exist")),
                dynamicTest("output_is_a_file", () -> {
                    Path file = write(dir, "output-file.txt", "I am a file");
                    Outcome o = run("run", "--input", validInput("output_is_a_file").toString(), "--output",
                            file.toString(), "--as-of", AS_OF);
                    expect(o, 2, "is an existing file");
                }),
                dynamicTest("misspelled_config_key", () -> {
                    Path config = write(dir, "misspelled.json", "{\n  \"max_recrod_bytes\": 1024\n}");
                    expect(runOn(validInput("misspelled_config_key"), "misspelled_config_key", "--config",
                            config.toString()), 2, "unknown key 'max_recrod_bytes'");
                }),
                dynamicTest("reference_alias_two_countries", () -> {
                    Path ref = referenceDir("alias", "countries.csv", "alpha3,alpha2,name,aliases\n"
                            + "PAK,PK,Pakistan,\nBHR,BH,Bahrain,Pakistan\n");
                    expect(runOn(validInput("reference_alias"), "reference_alias", "--reference-dir", ref.toString()),
                            2, "countries.csv line 3, column aliases: 'Pakistan' would mean both PAK and BHR");
                }),
                dynamicTest("reference_negative_fx_rate", () -> {
                    Path ref = referenceDir("fx", "fx_rates.csv", "date,currency,usd_per_unit\n"
                            + "2000-01-01,USD,1\n2024-01-01,EUR,-1.08\n");
                    expect(runOn(validInput("reference_fx"), "reference_fx", "--reference-dir", ref.toString()),
                            2, "fx_rates.csv line 3, column usd_per_unit: must be greater than 0, got -1.08");
                }),
                dynamicTest("reference_weights_missing_event", () -> {
                    Path ref = referenceDir("weights", "event_weights.csv", "event,cameo,weight\n"
                            + "statement.intent,030,4.0\nstatement.consultation,040,1.0\n"
                            + "statement.praise,051,3.4\nstatement.appeal,020,3.0\nstatement.criticism,111,-2.0\n"
                            + "agreement.announced,031,5.2\nagreement.signed,057,8.0\n"
                            + "agreement.entered_into_force,060,6.0\n");
                    expect(runOn(validInput("reference_weights"), "reference_weights", "--reference-dir",
                            ref.toString()), 2,
                            "event_weights.csv: no weight for 'seizure.joint_operation' (column event)");
                }),
                dynamicTest("reference_weights_bad_number", () -> {
                    Path ref = referenceDir("weights2", "event_weights.csv", "event,cameo,weight\n"
                            + "statement.intent,030,four\n");
                    expect(runOn(validInput("reference_weights2"), "reference_weights2", "--reference-dir",
                            ref.toString()), 2, "event_weights.csv line 2, column weight: 'four' is not a number");
                }));
    }
}
