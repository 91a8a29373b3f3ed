package org.coopmetrics.normalize;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coopmetrics.ingest.RawRecord;

/** A row's file and line in one long (the file's place in the listing, then the line): a cheap join key. */
final class RowKeys implements Serializable {
    /** The low bits hold the line, the high ones the file's place in the listing. */
    static final int LINE_BITS = 40;
    static final long LINE_MASK = (1L << LINE_BITS) - 1;

    private final Map<String, Long> fileIndex = new HashMap<>();

    /** For a dataset's files as listed: their {@link #places} give the keys. */
    RowKeys(List<String> files) {
        String[] places = places(files);
        for (int i = 0; i < places.length; i++) {
            fileIndex.put(places[i], (long) i);
        }
    }

    /** The files by their place in the keys: the listing's order, a file listed twice kept at its first place. */
    static String[] places(List<String> files) {
        return files.stream().distinct().toArray(String[]::new);
    }

    long of(RawRecord r) {
        return ofFile(r.file()) | r.line();
    }

    /** The key of line 0 of a file (lines are numbered from 1). */
    long ofFile(String file) {
        Long index = fileIndex.get(file);
        if (index == null) {
            throw new IllegalStateException("internal error: " + file + " is not among the listed files");
        }
        return index << LINE_BITS;
    }
}
