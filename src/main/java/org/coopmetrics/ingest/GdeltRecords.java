package org.coopmetrics.ingest;

import java.util.List;

/**
 * The records of a GDELT 2.0 event export file as GDELT publishes it: one per line, no header, 61 tab-separated
 * fields in the codebook's order. GDELT writes no tab or line break inside a field, so a line is a record and a
 * line of any other width is malformed on its own, without touching its neighbours.
 */
final class GdeltRecords extends Records {
    /** The columns of an event export, by their names in the GDELT 2.0 event codebook. */
    static final List<String> COLUMNS = List.of(
            "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
            "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
            "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
            "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
            "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
            "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
            "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
            "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
            "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
            "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
            "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
            "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
            "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
            "DATEADDED", "SOURCEURL");

    GdeltRecords(FilePacking.Piece piece, LineSource lines, DatasetSpec spec) {
        super(piece, lines, spec);
    }

    @Override
    RawRecord readFrom(LineSource.Line first) {
        if (first.text() == null) {
            // Over-long or not UTF-8: the preview's first field, if whole, still names the event for curators.
            return withIdOnly(first.number(), first.preview(), first.error(), idOf(first.preview()));
        }
        String text = first.text();
        // Split by hand, making values only of the fields read (String.split made all 61 through a growing list:
        // a tenth of a 10M-row run's samples, docs/performance.md).
        Object[] values = new Object[COLUMNS.size()];
        int fields = 0;
        int from = 0;
        while (true) {
            int tab = text.indexOf('\t', from);
            int to = tab < 0 ? text.length() : tab;
            if (fields < values.length && (fieldsRead == null || fieldsRead[fields])) {
                values[fields] = RawRecord.cleanText(text, from, to);
            }
            fields++;
            if (tab < 0) {
                break;
            }
            from = tab + 1;
        }
        if (fields != COLUMNS.size()) {
            return withIdOnly(first.number(), text, "GDELT event record has " + fields
                    + " tab-separated fields; a GDELT 2.0 event export has " + COLUMNS.size(), idOf(text));
        }
        return new RawRecord(file, first.number(), text, null, values); // cleaned as split
    }

    /** The text before the first tab, or null when there is none. */
    private static String idOf(String text) {
        int tab = text == null ? -1 : text.indexOf('\t');
        return tab > 0 ? text.substring(0, tab) : null;
    }
}
