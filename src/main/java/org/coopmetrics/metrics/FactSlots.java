package org.coopmetrics.metrics;

import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;

/**
 * A fact's measures in a few shared columns ("slots"), for {@code dyad_sector_period}'s shuffle and sort. A fact
 * sets only its own dataset's measures ({@link Facts#MEASURES_OF}), so the j-th measure of each type of every
 * dataset shares one slot: six long slots, two for kilograms, two for dollars, one for Goldstein sums and one for
 * tone, instead of twenty-four columns. The fact's dataset (its kind) says which measure a slot holds.
 */
final class FactSlots {
    static final String KIND = "_kind";
    static final List<String> KINDS = List.copyOf(Facts.MEASURES_OF.keySet());
    private static final List<String> MEASURES = List.copyOf(Facts.MEASURES.keySet());
    /** The type of each slot. */
    private static final List<DataType> TYPES = new ArrayList<>();
    /** Per kind, per measure of the kind: its slot, and its place in {@link Facts#MEASURES}. */
    private static final int[][] SLOT = new int[KINDS.size()][];
    private static final int[][] MEASURE = new int[KINDS.size()][];
    /** Per slot, the measures it holds (one per kind at most). */
    private static final List<List<String>> HELD = new ArrayList<>();

    static {
        Map<DataType, List<Integer>> slotsOfType = new HashMap<>();
        for (int k = 0; k < KINDS.size(); k++) {
            List<String> measures = Facts.MEASURES_OF.get(KINDS.get(k));
            SLOT[k] = new int[measures.size()];
            MEASURE[k] = new int[measures.size()];
            Map<DataType, Integer> used = new HashMap<>();
            for (int j = 0; j < measures.size(); j++) {
                DataType type = Facts.MEASURES.get(measures.get(j));
                int n = used.merge(type, 1, Integer::sum) - 1;
                List<Integer> ofType = slotsOfType.computeIfAbsent(type, t -> new ArrayList<>());
                if (ofType.size() == n) {
                    ofType.add(TYPES.size());
                    TYPES.add(type);
                    HELD.add(new ArrayList<>());
                }
                SLOT[k][j] = ofType.get(n);
                MEASURE[k][j] = MEASURES.indexOf(measures.get(j));
                HELD.get(SLOT[k][j]).add(measures.get(j));
            }
        }
    }

    private FactSlots() {
    }

    /** The kind (the dataset's place in {@link #KINDS}), then each slot: a fact's own measure there, or null. */
    static List<Column> columns() {
        List<Column> cols = new ArrayList<>();
        cols.add(array_position(lit(KINDS.toArray(String[]::new)), col(Facts.DATASET)).cast("int").minus(1)
                .as(KIND));
        for (int s = 0; s < TYPES.size(); s++) {
            // The other kinds' measures of the slot are null in this fact.
            cols.add(coalesce(HELD.get(s).stream().map(m -> col(m)).toArray(Column[]::new)).cast(TYPES.get(s))
                    .as("_slot" + s));
        }
        return cols;
    }

    static int slots() {
        return TYPES.size();
    }

    /** The slot of each measure of a kind, in {@link Facts#MEASURES_OF} order. */
    static int[] slotsOf(int kind) {
        return SLOT[kind];
    }

    /** The place in {@link Facts#MEASURES} of each measure of a kind, in {@link Facts#MEASURES_OF} order. */
    static int[] measuresOf(int kind) {
        return MEASURE[kind];
    }
}
