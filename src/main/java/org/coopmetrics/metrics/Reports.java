package org.coopmetrics.metrics;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.coopmetrics.config.Grain;
import org.coopmetrics.normalize.ReferenceData;

/** The five reports of a run, computed from the accepted rows (the curated datasets' and the events'). */
public record Reports(Map<String, Dataset<Row>> byName) {
    public static final List<String> NAMES = List.of(
            "dyad_sector_period", "country_seizure_period", "agreement_status", "evidence", "quarantine");
    /** The reports partitioned by grain and year; the others are one folder each. */
    public static final List<String> PARTITIONED = List.of("dyad_sector_period", "country_seizure_period");

    /**
     * The reports, lazy, in {@link #NAMES} order. {@code dyad_sector_period} (once for all its grains) and
     * {@code evidence} come from the same facts.
     */
    public static Reports compute(Dataset<Row> statements, Dataset<Row> agreements, Dataset<Row> seizures,
                                  Dataset<Row> events, Dataset<Row> quarantine, ReferenceData ref, List<Grain> grains,
                                  LocalDate asOf) {
        Dataset<Row> facts = Facts.build(statements, agreements, seizures, events, ref, asOf);
        Map<String, Dataset<Row>> reports = new LinkedHashMap<>();
        reports.put("dyad_sector_period", DyadSectorPeriod.compute(facts, ref.sectors().values(), grains, asOf));
        reports.put("country_seizure_period", CountrySeizurePeriod.compute(seizures, grains));
        reports.put("agreement_status", AgreementStatus.compute(agreements, asOf));
        reports.put("evidence", Evidence.compute(facts));
        reports.put("quarantine", quarantine);
        return new Reports(reports);
    }
}
