package org.coopmetrics.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The records of one file: reads ahead one record, takes back lines read ahead, closes the file at its end.
 * Subclasses split lines into records of their format.
 */
abstract class Records implements Iterator<RawRecord> {
    final String file;
    final LineSource lines;
    final String[] fields;
    final boolean[] isList;
    final Map<String, Integer> fieldIndex = new HashMap<>();
    final String idField;
    final int idIndex;
    /** Lines read ahead and given back, to be read again in order. */
    final Deque<LineSource.Line> givenBack = new ArrayDeque<>();
    private RawRecord next;
    private boolean done;

    Records(String file, LineSource lines, DatasetSpec spec) {
        this.file = file;
        this.lines = lines;
        this.fields = spec.fields().toArray(new String[0]);
        this.isList = new boolean[fields.length];
        for (int i = 0; i < fields.length; i++) {
            isList[i] = spec.isList(fields[i]);
            fieldIndex.put(fields[i], i);
        }
        this.idField = spec.idField();
        this.idIndex = fieldIndex.get(idField);
    }

    /** The next record, or null at end of file. */
    abstract RawRecord readNext() throws IOException;

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                next = readNext();
                if (next == null) {
                    done = true;
                    lines.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return next != null;
    }

    @Override
    public RawRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RawRecord r = next;
        next = null;
        return r;
    }

    LineSource.Line nextLine() throws IOException {
        return givenBack.isEmpty() ? lines.next() : givenBack.pollFirst();
    }

    /** The next line that is not blank (blank lines are layout, not records). */
    LineSource.Line nextNonBlank() throws IOException {
        LineSource.Line line;
        do {
            line = nextLine();
        } while (line != null && line.text() != null && line.text().isBlank());
        return line;
    }

    /** A record of this file; its values (null if it has none) are cleaned. */
    RawRecord record(long line, String raw, String error, Object[] values) {
        return RawRecord.cleaned(file, line, raw, error, values, isList);
    }

    /** A record that cannot be read whose id alone (if readable) is known, so that curators can find it. */
    RawRecord withIdOnly(long line, String raw, String error, String id) {
        Object[] values = null;
        if (id != null) {
            values = new Object[fields.length];
            values[idIndex] = id;
        }
        return record(line, raw, error, values);
    }
}
