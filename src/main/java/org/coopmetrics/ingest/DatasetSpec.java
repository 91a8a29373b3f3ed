package org.coopmetrics.ingest;

import java.util.List;
import java.util.Set;

/**
 * The fields of one input dataset, in the contract's order; all are read as text first. The curated datasets are
 * JSON Lines or CSV with a header; {@link #EVENTS} are GDELT 2.0 event export files as GDELT publishes them
 * (tab-separated, no header, 61 columns in the codebook's order, plain or zipped).
 */
public enum DatasetSpec {
    STATEMENTS("statements", "statement_id",
            List.of("statement_id", "date", "speaker", "speaker_role", "speaker_country", "counterpart_country",
                    "sectors", "kind", "quote", "sources", "recorded_at"),
            Set.of("sectors", "sources")),
    AGREEMENTS("agreements", "agreement_id",
            List.of("agreement_id", "type", "title", "parties", "sectors", "announced_on", "signed_on",
                    "in_force_on", "ended_on", "sources", "recorded_at"),
            Set.of("parties", "sectors", "sources")),
    SEIZURES("seizures", "seizure_id",
            List.of("seizure_id", "kind", "date", "period_start", "reporting_country", "partner_country",
                    "partner_role", "agency", "sector", "drug", "quantity", "unit", "value", "currency",
                    "sources", "recorded_at"),
            Set.of("sources")),
    EVENTS("events", "GLOBALEVENTID", GdeltRecords.COLUMNS, Set.of());

    /** The curated datasets, reviewed records that the reports and the cooperation score are built from. */
    public static final List<DatasetSpec> CURATED = List.of(STATEMENTS, AGREEMENTS, SEIZURES);

    private final String id;
    private final String idField;
    private final List<String> fields;
    private final Set<String> listFields;

    DatasetSpec(String id, String idField, List<String> fields, Set<String> listFields) {
        this.id = id;
        this.idField = idField;
        this.fields = fields;
        this.listFields = listFields;
    }

    /** The dataset's name: its input folder and its value in reports. */
    public String id() {
        return id;
    }

    public String idField() {
        return idField;
    }

    public List<String> fields() {
        return fields;
    }

    public boolean isList(String field) {
        return listFields.contains(field);
    }

    /** The files the job reads in the dataset's folder, as messages name them ({@link InputFiles#format}). */
    public String files() {
        return this == EVENTS ? "GDELT *.export.CSV or *.export.CSV.zip files" : "*.jsonl or *.csv files";
    }
}
