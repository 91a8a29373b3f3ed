package org.coopmetrics.report;

import static org.coopmetrics.SparkTestSupport.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.coopmetrics.cli.CoopMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reports open in DuckDB's Parquet reader with the contract's column names and types. */
class IndependentReaderTest {
    @TempDir
    static Path out;
    static Connection duck;

    @BeforeAll
    static void run() throws Exception {
        spark();
        assertEquals(0, CoopMetrics.execute("run", "--input", "data/curated", "--output", out.toString(),
                "--as-of", "2025-12-31", "--grain", "month,year"));
        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    /** "name type" per column, as DuckDB reads the report (partition folders included). */
    static List<String> columns(String report) throws Exception {
        List<String> out2 = new ArrayList<>();
        try (Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + out.resolve(report)
                     + "/**/*.parquet', hive_partitioning = true)")) {
            while (rs.next()) {
                out2.add(rs.getString("column_name") + " " + rs.getString("column_type"));
            }
        }
        return out2;
    }

    static long scalar(String sql) throws Exception {
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void dyadSectorPeriod() throws Exception {
        assertEquals(List.of("country_a VARCHAR", "country_b VARCHAR", "sector VARCHAR", "period_start DATE",
                "period_end DATE", "statements BIGINT", "statements_a_to_b BIGINT", "statements_b_to_a BIGINT",
                "statement_sources BIGINT", "speakers BIGINT", "agreements_announced BIGINT",
                "agreements_signed BIGINT", "agreements_entered_into_force BIGINT", "agreements_ended BIGINT",
                "agreements_in_force BIGINT", "agreements_pending BIGINT", "seizure_events BIGINT",
                "seizure_kg DOUBLE", "seizure_count_units DOUBLE", "seizure_value_usd DECIMAL(20,2)",
                "reported_totals BIGINT", "reported_total_value_usd DECIMAL(20,2)", "cooperation_score DOUBLE",
                "goldstein_mean DOUBLE", "events BIGINT", "events_a_to_b BIGINT", "events_b_to_a BIGINT",
                "event_mentions BIGINT", "event_sources BIGINT", "event_articles BIGINT", "event_goldstein_sum DOUBLE",
                "event_tone_mean DOUBLE", "grain VARCHAR", "year BIGINT"), columns("dyad_sector_period"));
        // The JWG counted in its six sectors, the DLO post and each MoU in theirs: 10 announcements.
        assertEquals(10, scalar("SELECT sum(agreements_announced) FROM read_parquet('" + out.resolve("dyad_sector_period")
                + "/**/*.parquet', hive_partitioning = true) WHERE country_a = 'BHR' AND country_b = 'PAK' "
                + "AND grain = 'month' AND period_start = DATE '2025-09-01'"));
        // The real GDELT sample's accepted events, one sector each (python3 data/events_expected.py: 295).
        assertEquals(295, scalar("SELECT sum(events) FROM read_parquet('" + out.resolve("dyad_sector_period")
                + "/**/*.parquet', hive_partitioning = true) WHERE grain = 'year'"));
    }

    @Test
    void countrySeizurePeriod() throws Exception {
        assertEquals(List.of("reporting_country VARCHAR", "sector VARCHAR", "drug VARCHAR", "period_start DATE",
                "period_end DATE", "events BIGINT", "kg DOUBLE", "count_units DOUBLE", "value_usd DECIMAL(20,2)",
                "reported_totals BIGINT", "reported_total_kg DOUBLE", "reported_total_value_usd DECIMAL(20,2)",
                "grain VARCHAR", "year BIGINT"), columns("country_seizure_period"));
        assertEquals(146000000L, scalar("SELECT sum(reported_total_value_usd)::BIGINT FROM read_parquet('"
                + out.resolve("country_seizure_period") + "/**/*.parquet', hive_partitioning = true) "
                + "WHERE reporting_country = 'PAK' AND grain = 'month' AND period_start = DATE '2025-09-01'"));
    }

    @Test
    void agreementStatusEvidenceQuarantine() throws Exception {
        assertEquals(List.of("agreement_id VARCHAR", "type VARCHAR", "title VARCHAR", "country_a VARCHAR",
                "country_b VARCHAR", "sectors VARCHAR[]", "status VARCHAR", "announced_on DATE", "signed_on DATE",
                "in_force_on DATE", "ended_on DATE", "days_announced_to_signed INTEGER",
                "days_signed_to_in_force INTEGER"), columns("agreement_status"));
        assertEquals(List.of("country_a VARCHAR", "country_b VARCHAR", "sector VARCHAR", "date DATE",
                "dataset VARCHAR", "record_id VARCHAR", "source VARCHAR"), columns("evidence"));
        assertEquals(List.of("dataset VARCHAR", "source_file VARCHAR", "line BIGINT", "record_id VARCHAR",
                "reason VARCHAR", "detail VARCHAR", "raw VARCHAR"), columns("quarantine"));
        assertEquals(5, scalar("SELECT count(*) FROM read_parquet('" + out.resolve("quarantine") + "/*.parquet')"));
    }
}
