package org.coopmetrics.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/**
 * Every input row carries a status from reading to reporting, so that none is lost: it starts undecided
 * (null) and each stage settles some rows as quarantined (with reason and detail), superseded,
 * after the as-of date, or finally accepted.
 */
public final class Ledger {
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String DETAIL = "detail";
    /**
     * Events only: how many rows a ledger row stands for, null for one. The reader folds the rows it settles at
     * once and no report shows (out of scope, after the as-of date) into one row per file, status and reason.
     */
    public static final String FOLDED = "folded";

    public static final String QUARANTINED = "quarantined";
    public static final String SUPERSEDED = "superseded";
    public static final String AFTER_AS_OF = "after_as_of";
    /** Machine-coded events only: valid, but not a cooperation event between two countries. */
    public static final String OUT_OF_SCOPE = "out_of_scope";
    public static final String ACCEPTED = "accepted";

    private Ledger() {
    }

    /**
     * The column of a dataset's ledger telling when each row was recorded (its watermark): the curators'
     * {@code recorded_at}, or GDELT's {@code DATEADDED} for events.
     */
    public static String recordedAt(DatasetSpec spec) {
        return spec == DatasetSpec.EVENTS ? "date_added" : "recorded_at_ts";
    }

    /** How many input rows each row of a dataset's ledger stands for. */
    public static Column rows(DatasetSpec spec) {
        return spec == DatasetSpec.EVENTS ? coalesce(col(FOLDED), lit(1L)) : lit(1L);
    }

    public static Column undecided() {
        return col(STATUS).isNull();
    }
}
