package org.coopmetrics.metrics;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.coopmetrics.config.Grain;
import org.coopmetrics.normalize.ReferenceData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The five reports of a run, computed from the accepted rows through one cached table of dated facts. */
public record Reports(Dataset<Row> facts, Map<String, Dataset<Row>> byName) {
    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);

    public static final List<String> NAMES = List.of(
            "dyad_sector_period", "country_seizure_period", "agreement_status", "evidence", "quarantine");
    /** The reports partitioned by grain and year; the others are one folder each. */
    public static final List<String> PARTITIONED = List.of("dyad_sector_period", "country_seizure_period");

    /** Builds and caches the facts (one action); the reports themselves stay lazy, in {@link #NAMES} order. */
    public static Reports compute(Dataset<Row> statements, Dataset<Row> agreements, Dataset<Row> seizures,
                                  Dataset<Row> quarantine, ReferenceData ref, List<Grain> grains, LocalDate asOf) {
        // Partitioned by pair and sector, so each grain's aggregation and zero-filling need no shuffle.
        Dataset<Row> facts = Facts.build(statements, agreements, seizures, ref, asOf)
                .repartition(col("country_a"), col("country_b"), col("sector"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        // Fill the cache once: the grains' aggregations run concurrently and would each rebuild it.
        LOG.info("{} dated facts between country pairs", facts.count());
        Map<String, Dataset<Row>> reports = new LinkedHashMap<>();
        reports.put("dyad_sector_period", DyadSectorPeriod.compute(facts, grains, asOf));
        reports.put("country_seizure_period", CountrySeizurePeriod.compute(seizures, grains));
        reports.put("agreement_status", AgreementStatus.compute(agreements, asOf));
        reports.put("evidence", Evidence.compute(statements, agreements, seizures, asOf));
        reports.put("quarantine", quarantine);
        return new Reports(facts, reports);
    }

    public void unpersist() {
        facts.unpersist();
    }
}
