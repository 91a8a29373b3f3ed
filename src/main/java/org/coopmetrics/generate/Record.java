package org.coopmetrics.generate;

import org.coopmetrics.ingest.DatasetSpec;

/**
 * One generated input row: a value per curated field (text, a list of text, or a number that JSON writes
 * unquoted), or the broken raw text of a malformed row.
 */
final class Record {
    /** A number: unquoted in JSON, plain in CSV. */
    record Num(String text) {
    }

    final DatasetSpec spec;
    final Object[] values;
    /** When set, the line written instead of the fields (a malformed_record row). */
    String malformed;
    /** When the curator recorded the row, in epoch seconds (written as recorded_at). */
    long recordedAt;
    /** The countries behind the row (indices into Vocabulary.COUNTRIES), for rows spoilt on purpose. */
    int countryA;
    int countryB;
    /** The quantity in thousandths and the value in cents, when present (revisions change them). */
    long quantityMilli = -1;
    long valueCents = -1;

    Record(DatasetSpec spec) {
        this.spec = spec;
        this.values = new Object[spec.fields().size()];
    }

    Record copy() {
        Record c = new Record(spec);
        System.arraycopy(values, 0, c.values, 0, values.length);
        c.malformed = malformed;
        c.recordedAt = recordedAt;
        c.countryA = countryA;
        c.countryB = countryB;
        c.quantityMilli = quantityMilli;
        c.valueCents = valueCents;
        return c;
    }

    String text(int field) {
        Object v = values[field];
        return v instanceof Num n ? n.text() : (String) v;
    }

    String[] list(int field) {
        return (String[]) values[field];
    }

    /** Appends an item to a list field (lists are never shared between rows: copies get a new array). */
    void add(int field, String item) {
        String[] old = list(field);
        String[] grown = java.util.Arrays.copyOf(old, old.length + 1);
        grown[old.length] = item;
        values[field] = grown;
    }

    static int index(DatasetSpec spec, String field) {
        int i = spec.fields().indexOf(field);
        if (i < 0) {
            throw new IllegalArgumentException(spec.id() + " has no field " + field);
        }
        return i;
    }
}
