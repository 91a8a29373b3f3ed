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
 * The records of one file or of a piece of it: reads ahead one record, takes back lines read ahead, closes the
 * file at its end or where the piece ends (between records, at the first line start at or after the piece's
 * end). Blank lines between records are skipped. Subclasses split lines into records of their format.
 */
abstract class Records implements Iterator<RawRecord> {
    final String file;
    final LineSource lines;
    final String[] fields;
    final boolean[] isList;
    final Map<String, Integer> fieldIndex = new HashMap<>();
    final String idField;
    final int idIndex;
    /** The fields (by place) a reader must make values of, null for all; GDELT's reader passes over the rest. */
    boolean[] fieldsRead;
    /** Lines read ahead and given back, to be read again in order. */
    final Deque<LineSource.Line> givenBack = new ArrayDeque<>();
    private final FilePacking.Piece piece;
    private RawRecord next;
    private boolean done;
    private boolean endOfFile;

    Records(String file, LineSource lines, DatasetSpec spec) {
        this(FilePacking.Piece.whole(file), lines, spec);
    }

    /** The records of {@code piece}; {@code lines} stand at a line start between records. */
    Records(FilePacking.Piece piece, LineSource lines, DatasetSpec spec) {
        this.file = piece.file();
        this.piece = piece;
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

    /**
     * The record that begins with the non-blank line {@code first}, reading on as the format needs; null when
     * the line holds no record (a CSV header).
     */
    abstract RawRecord readFrom(LineSource.Line first) throws IOException;

    /**
     * Whether the next line begins whatever comes next, with nothing read ahead: so that reading from there on
     * needs nothing of what came before but the line number (and a CSV file's header).
     */
    boolean betweenRecords() {
        return givenBack.isEmpty();
    }

    @Override
    public boolean hasNext() {
        try {
            while (next == null && !done) {
                if (betweenRecords() && piece.endsAt(lines.offset())) {
                    finish();
                    break;
                }
                LineSource.Line line = nextLine();
                if (line == null) {
                    endOfFile = true;
                    finish();
                } else if (line.text() == null || !line.text().isBlank()) { // blank lines are layout, not records
                    next = readFrom(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return next != null;
    }

    private void finish() throws IOException {
        done = true;
        lines.close();
    }

    /** Once there is no next record: whether reading stopped at the end of the file (else where the piece ends). */
    boolean reachedEndOfFile() {
        return endOfFile;
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
