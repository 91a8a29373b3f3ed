package org.coopmetrics.metrics;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.trunc;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.coopmetrics.config.Grain;

/** Period boundaries of a grain: ISO weeks start on Monday; period_end is inclusive. */
public final class Periods {
    private Periods() {
    }

    public static Column start(Grain grain, Column date) {
        return switch (grain) {
            case DAY -> date;
            case WEEK -> trunc(date, "week");
            case MONTH -> trunc(date, "month");
            case QUARTER -> trunc(date, "quarter");
            case YEAR -> trunc(date, "year");
        };
    }

    public static Column end(Grain grain, Column start) {
        return switch (grain) {
            case DAY -> start;
            case WEEK -> date_add(start, 6);
            case MONTH -> date_sub(add_months(start, 1), 1);
            case QUARTER -> date_sub(add_months(start, 3), 1);
            case YEAR -> date_sub(add_months(start, 12), 1);
        };
    }

    /** The year of the period holding this date (an ISO week starting in December belongs to that year). */
    public static int yearOf(Grain grain, LocalDate date) {
        LocalDate start = grain == Grain.WEEK ? date.with(java.time.DayOfWeek.MONDAY) : date;
        return start.getYear();
    }

    /** The start of the period holding {@code date}, as {@link #start(Grain, Column)} gives it. */
    public static LocalDate startOf(Grain grain, LocalDate date) {
        return switch (grain) {
            case DAY -> date;
            case WEEK -> date.with(java.time.DayOfWeek.MONDAY);
            case MONTH -> date.withDayOfMonth(1);
            case QUARTER -> date.withMonth((date.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1);
            case YEAR -> date.withDayOfYear(1);
        };
    }

    /** The start of the period after the one starting at {@code start}. */
    public static LocalDate next(Grain grain, LocalDate start) {
        return switch (grain) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
    }
}
