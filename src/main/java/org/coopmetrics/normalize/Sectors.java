package org.coopmetrics.normalize;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

/** A list of sector names resolved against the sector table. */
final class Sectors {
    private Sectors() {
    }

    /**
     * @param canonical the distinct sector ids, sorted, an unknown item as one null at the end (null for no list)
     * @param firstUnknown the first item not in the table, or null
     */
    record Resolved(String[] canonical, String firstUnknown) {
    }

    private static final Resolved NONE = new Resolved(null, null);

    static Resolved resolve(Map<String, String> table, String[] items) {
        if (items == null) {
            return NONE;
        }
        String firstUnknown = null;
        String[] ids = new String[items.length];
        for (int i = 0; i < items.length; i++) {
            ids[i] = Values.lookup(table, items[i]);
            if (ids[i] == null && firstUnknown == null) {
                firstUnknown = items[i];
            }
        }
        String[] canonical = Arrays.stream(ids).distinct()
                .sorted(Comparator.nullsLast(Comparator.naturalOrder())).toArray(String[]::new);
        return new Resolved(canonical, firstUnknown);
    }
}
