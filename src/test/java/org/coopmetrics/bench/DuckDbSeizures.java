package org.coopmetrics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Contender (c) of {@code jobs/bench}: DuckDB (2 threads) computes the seizure part of
 * {@code dyad_sector_period} at month grain from the same seizure files and writes it as Parquet: per
 * (country_a, country_b, sector, month) the event seizures with a partner country, their kg and their USD.
 *
 * <p>It applies the contract's rules that decide which seizures count: the latest revision of an id wins
 * (ties with different content count for nothing), the row checks of the seizures dataset, countries,
 * sectors, drugs and units matched on id or alias (trimmed, case-insensitive) from the reference tables
 * ({@code --reference-dir} file by file over the bundled ones), mass and volume to kg, values to USD at the
 * latest rate on or before the date, rounded to cents per seizure. It does not report quarantine reasons.
 *
 * <p>Usage: {@code DuckDbSeizures INPUT REFERENCE_DIR BUNDLED_REFERENCE_DIR AS_OF OUTPUT.parquet}. Not a test.
 */
public final class DuckDbSeizures {
    static final String FIELDS = "seizure_id, kind, date, period_start, reporting_country, partner_country, "
            + "partner_role, agency, sector, drug, quantity, unit, value, currency, sources, recorded_at";
    static final String NUMBER = "^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$";
    static final String DATE = "^\\d{4}-\\d{2}-\\d{2}$";
    static final String URL = "^https?://[^\\s/$.?#][^\\s]*$";
    static final String INSTANT = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})$";

    private DuckDbSeizures() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: DuckDbSeizures INPUT REFERENCE_DIR BUNDLED_REFERENCE_DIR AS_OF OUTPUT.parquet");
            System.exit(2);
        }
        long start = System.nanoTime();
        Path input = Path.of(args[0]);
        Path referenceDir = Path.of(args[1]);
        Path bundled = Path.of(args[2]);
        String asOf = args[3];
        Path output = Path.of(args[4]);
        Files.deleteIfExists(output);
        List<String> files = files(input.resolve("seizures"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("SET threads = 2");
            st.execute("SET preserve_insertion_order = false");
            loadReference(st, referenceDir, bundled);
            st.execute("CREATE TEMP TABLE raw AS " + rawSeizures(files));
            st.execute("CREATE TEMP TABLE accepted AS " + accepted(asOf));
            st.execute("COPY (" + monthly() + ") TO " + literal(output.toString()) + " (FORMAT parquet)");
            long groups;
            long events;
            try (ResultSet rs = st.executeQuery("SELECT count(*), sum(seizure_events) FROM read_parquet("
                    + literal(output.toString()) + ")")) {
                rs.next();
                groups = rs.getLong(1);
                events = rs.getLong(2);
            }
            long read;
            long kept;
            try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM raw), (SELECT count(*) FROM accepted)")) {
                rs.next();
                read = rs.getLong(1);
                kept = rs.getLong(2);
            }
            System.out.printf("duckdb: %d seizure rows read, %d accepted, %d events with "
                    + "a partner in %d (pair, sector, month) rows, in %.1f s%n", read, kept, events, groups,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    static List<String> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
                    .map(Path::toString).filter(f -> f.endsWith(".jsonl") || f.endsWith(".csv")).sorted()
                    .collect(Collectors.toList());
        }
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String list(List<String> files) {
        return files.stream().map(DuckDbSeizures::literal).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A reference file from the override folder when it has one, else the bundled copy. */
    static String reference(Path dir, Path bundled, String name) {
        Path p = dir.resolve(name);
        return literal((Files.exists(p) ? p : bundled.resolve(name)).toString());
    }

    static void loadReference(Statement st, Path dir, Path bundled) throws SQLException {
        String csv = ", header = true, all_varchar = true, quote = '\"', escape = '\"')";
        st.execute("CREATE TEMP TABLE countries AS SELECT DISTINCT lower(trim(a)) AS alias, upper(trim(alpha3)) AS iso "
                + "FROM (SELECT alpha3, unnest([alpha3, alpha2, name] || coalesce(string_split(aliases, ';'), [])) AS a "
                + "FROM read_csv(" + reference(dir, bundled, "countries.csv") + csv + ") "
                + "WHERE a IS NOT NULL AND trim(a) <> ''");
        for (String[] vocabulary : List.of(new String[] {"sectors", "sector"}, new String[] {"drugs", "drug"})) {
            st.execute("CREATE TEMP TABLE " + vocabulary[0] + " AS SELECT DISTINCT lower(trim(a)) AS alias, "
                    + "lower(trim(" + vocabulary[1] + ")) AS id FROM (SELECT " + vocabulary[1] + ", unnest(["
                    + vocabulary[1] + "] || coalesce(string_split(aliases, ';'), [])) AS a FROM read_csv("
                    + reference(dir, bundled, vocabulary[0] + ".csv") + csv + ") WHERE a IS NOT NULL AND trim(a) <> ''");
        }
        st.execute("CREATE TEMP TABLE units AS SELECT DISTINCT lower(trim(a)) AS alias, lower(trim(unit)) AS unit_id, "
                + "lower(trim(kind)) AS unit_kind, CAST(trim(factor) AS DECIMAL(20, 12)) AS factor FROM (SELECT *, "
                + "unnest([unit] || coalesce(string_split(aliases, ';'), [])) AS a FROM read_csv("
                + reference(dir, bundled, "units.csv") + csv + ") WHERE a IS NOT NULL AND trim(a) <> ''");
        st.execute("CREATE TEMP TABLE currencies AS SELECT DISTINCT lower(trim(currency)) AS alias, "
                + "upper(trim(currency)) AS code FROM read_csv(" + reference(dir, bundled, "currencies.csv") + csv);
        st.execute("CREATE TEMP TABLE fx AS SELECT upper(trim(currency)) AS currency, CAST(trim(date) AS DATE) AS "
                + "fx_date, CAST(trim(usd_per_unit) AS DECIMAL(20, 12)) AS rate FROM read_csv("
                + reference(dir, bundled, "fx_rates.csv") + csv);
    }

    /** Every seizure row of the JSON Lines and CSV files, fields as text, lists as lists; malformed rows skipped. */
    static String rawSeizures(List<String> files) {
        List<String> json = files.stream().filter(f -> f.endsWith(".jsonl")).collect(Collectors.toList());
        List<String> csv = files.stream().filter(f -> f.endsWith(".csv")).collect(Collectors.toList());
        StringBuilder columns = new StringBuilder();
        for (String f : FIELDS.split(", ")) {
            columns.append(columns.length() == 0 ? "" : ", ").append(f).append(": ")
                    .append(f.equals("sources") ? "'VARCHAR[]'" : "'VARCHAR'");
        }
        String jsonPart = "SELECT " + FIELDS + " FROM read_json(" + list(json) + ", format = 'newline_delimited', "
                + "columns = {" + columns + "}, ignore_errors = true)";
        String csvColumns = columns.toString().replace("'VARCHAR[]'", "'VARCHAR'");
        String csvPart = "SELECT " + FIELDS.replace("sources", "string_split(sources, ';') AS sources")
                + " FROM read_csv(" + list(csv) + ", header = true, auto_detect = false, delim = ',', quote = '\"', "
                + "escape = '\"', columns = {" + csvColumns + "}, ignore_errors = true)";
        if (json.isEmpty()) {
            return csvPart;
        }
        return csv.isEmpty() ? jsonPart : jsonPart + " UNION ALL " + csvPart;
    }

    private static String text(String field) {
        return "nullif(trim(" + field + "), '')";
    }

    /** The seizures the job accepts: latest revisions that pass the contract's checks, dated up to the as-of day. */
    static String accepted(String asOf) {
        StringBuilder trimmed = new StringBuilder();
        for (String f : FIELDS.split(", ")) {
            trimmed.append(trimmed.length() == 0 ? "" : ", ").append(f.equals("sources")
                    ? "list_filter(list_transform(sources, x -> trim(x)), x -> x IS NOT NULL AND x <> '') AS sources"
                    : text(f) + " AS " + f);
        }
        StringBuilder content = new StringBuilder();
        for (String f : FIELDS.split(", ")) {
            if (!f.equals("recorded_at")) {
                content.append(content.length() == 0 ? "" : ", ").append(f.equals("sources")
                        ? "coalesce(array_to_string(sources, chr(2)), chr(3))" : "coalesce(" + f + ", chr(3))");
            }
        }
        String roles = "('joint_operation', 'origin', 'destination', 'transit')";
        return "WITH t AS (SELECT " + trimmed + " FROM raw), "
                + "r AS (SELECT *, CASE WHEN regexp_full_match(recorded_at, " + literal(INSTANT) + ") THEN "
                + "TRY_CAST(recorded_at AS TIMESTAMPTZ) END AS ts, md5(concat_ws(chr(1), " + content + ")) AS content "
                + "FROM t), "
                + "w AS (SELECT *, max(ts) OVER (PARTITION BY seizure_id) AS latest, "
                + "min(content) OVER (PARTITION BY seizure_id, ts) AS cmin, "
                + "max(content) OVER (PARTITION BY seizure_id, ts) AS cmax, "
                + "row_number() OVER (PARTITION BY seizure_id, ts) AS rn FROM r "
                + "WHERE seizure_id IS NOT NULL AND ts IS NOT NULL), "
                + "win AS (SELECT * FROM w WHERE ts = latest AND cmin = cmax AND rn = 1), "
                + "v AS (SELECT win.*, lower(win.kind) AS k, "
                + "CASE WHEN regexp_full_match(date, " + literal(DATE) + ") THEN CAST(try_strptime(date, '%Y-%m-%d') AS DATE) END AS d, "
                + "CASE WHEN regexp_full_match(period_start, " + literal(DATE) + ") THEN CAST(try_strptime(period_start, '%Y-%m-%d') AS DATE) END AS ps, "
                + "rc.iso AS rep_iso, pc.iso AS par_iso, sec.id AS sector_id, dr.id AS drug_id, "
                + "u.unit_kind, u.factor, cur.code AS cur_code, "
                + "CASE WHEN regexp_full_match(quantity, " + literal(NUMBER) + ") THEN TRY_CAST(quantity AS DECIMAL(18, 6)) END AS q, "
                + "CASE WHEN regexp_full_match(value, " + literal(NUMBER) + ") THEN TRY_CAST(value AS DECIMAL(18, 6)) END AS val "
                + "FROM win "
                + "LEFT JOIN countries rc ON rc.alias = lower(win.reporting_country) "
                + "LEFT JOIN countries pc ON pc.alias = lower(win.partner_country) "
                + "LEFT JOIN sectors sec ON sec.alias = lower(win.sector) "
                + "LEFT JOIN drugs dr ON dr.alias = lower(win.drug) "
                + "LEFT JOIN units u ON u.alias = lower(win.unit) "
                + "LEFT JOIN currencies cur ON cur.alias = lower(win.currency)), "
                + "x AS (SELECT v.*, fx.rate FROM v ASOF LEFT JOIN fx ON v.cur_code = fx.currency AND v.d >= fx.fx_date) "
                + "SELECT * FROM x WHERE k IN ('event', 'period_total') AND d IS NOT NULL AND rep_iso IS NOT NULL "
                + "AND len(sources) > 0 AND len(list_filter(sources, s -> NOT regexp_full_match(s, " + literal(URL) + "))) = 0 "
                + "AND (k <> 'event' OR drug IS NOT NULL) "
                + "AND (k <> 'period_total' OR period_start IS NOT NULL) "
                + "AND (period_start IS NULL OR (ps IS NOT NULL AND ps <= d)) "
                + "AND (partner_role IS NULL OR lower(partner_role) IN " + roles + ") "
                + "AND (partner_country IS NULL OR (partner_role IS NOT NULL AND par_iso IS NOT NULL AND par_iso <> rep_iso)) "
                + "AND (sector IS NULL OR sector_id IS NOT NULL) "
                + "AND (drug IS NULL OR drug_id IS NOT NULL) AND NOT (k = 'event' AND drug_id = 'mixed') "
                + "AND (quantity IS NOT NULL OR value IS NOT NULL) "
                + "AND (unit IS NULL OR unit_kind IS NOT NULL) AND (currency IS NULL OR cur_code IS NOT NULL) "
                + "AND (quantity IS NULL OR (unit IS NOT NULL AND q IS NOT NULL AND q >= 0 AND unit_kind IS NOT NULL)) "
                + "AND (value IS NULL OR (currency IS NOT NULL AND val IS NOT NULL AND val >= 0 AND cur_code IS NOT NULL "
                + "AND rate IS NOT NULL)) "
                + "AND d <= DATE " + literal(asOf);
    }

    /** The seizure columns of dyad_sector_period at month grain: events with a partner, kg, USD. */
    static String monthly() {
        return "SELECT least(rep_iso, par_iso) AS country_a, greatest(rep_iso, par_iso) AS country_b, "
                + "coalesce(sector_id, 'counter_narcotics') AS sector, CAST(date_trunc('month', d) AS DATE) AS period_start, "
                + "count(*) AS seizure_events, "
                + "CAST(sum(CASE WHEN unit_kind IN ('mass', 'volume') THEN q * factor ELSE 0 END) AS DOUBLE) AS seizure_kg, "
                + "CAST(sum(CASE WHEN val IS NOT NULL THEN round(val * rate, 2) ELSE 0 END) AS DECIMAL(20, 2)) "
                + "AS seizure_value_usd "
                + "FROM accepted WHERE k = 'event' AND par_iso IS NOT NULL GROUP BY ALL";
    }
}
