package org.coopmetrics.generate;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contract's buckets (section 6) for generated event rows, counted as they are written. Rows that can only be
 * settled against other files (repeated GLOBALEVENTIDs, and SOURCEURL values that are not links, which repeat
 * across articles) wait as {@link Candidate}s until every file is written; {@link #settle} then applies step 4
 * to them as the independent count does: the latest DATEADDED per id, then the lowest id per re-emission key.
 */
final class EventStats {
    static final String[] QUARANTINE = {"malformed_record", "invalid_date", "invalid_number"};
    static final String[] OUT_OF_SCOPE = {"not_cooperation", "not_two_countries", "same_country", "few_mentions"};

    /** A row that reached step 4 and waits to be settled across files. */
    record Candidate(long id, int file, String key, int sectors, int pair) {
    }

    long rows;
    long bytes;
    final long[] quarantined = new long[QUARANTINE.length];
    final long[] outOfScope = new long[OUT_OF_SCOPE.length];
    long afterAsOf;
    long repeatedId;
    long reEmission;
    long accepted;
    final long[] spoilt = new long[EventRow.SPOILT.length];
    /** Rows written again with an earlier batch's GLOBALEVENTID. */
    long repeatedRows;
    final long[] acceptedBySector;
    final BitSet acceptedPairs = new BitSet();
    final List<Candidate> candidates = new ArrayList<>();

    EventStats(int sectors) {
        acceptedBySector = new long[sectors];
    }

    void accept(int sectors, int pair) {
        accepted++;
        for (int s = 0; sectors != 0; s++, sectors >>>= 1) {
            if ((sectors & 1) != 0) {
                acceptedBySector[s]++;
            }
        }
        acceptedPairs.set(pair);
    }

    long quarantinedRows() {
        return sum(quarantined);
    }

    long outOfScopeRows() {
        return sum(outOfScope);
    }

    /** The files' counts added up, and their candidates settled: files in batch order, rows in line order. */
    static EventStats settle(List<EventStats> files, int sectors) {
        EventStats all = new EventStats(sectors);
        List<Candidate> candidates = new ArrayList<>();
        for (EventStats f : files) {
            all.rows += f.rows;
            all.bytes += f.bytes;
            add(all.quarantined, f.quarantined);
            add(all.outOfScope, f.outOfScope);
            add(all.spoilt, f.spoilt);
            add(all.acceptedBySector, f.acceptedBySector);
            all.acceptedPairs.or(f.acceptedPairs);
            all.afterAsOf += f.afterAsOf;
            all.reEmission += f.reEmission;
            all.accepted += f.accepted;
            all.repeatedRows += f.repeatedRows;
            candidates.addAll(f.candidates);
        }
        // A later batch has a later DATEADDED, and no batch repeats an id of its own: the later row wins.
        Map<Long, Candidate> byId = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            Candidate before = byId.get(c.id());
            if (before == null || c.file() > before.file()) {
                byId.put(c.id(), c);
            }
        }
        Map<String, Candidate> byKey = new HashMap<>();
        for (Candidate c : byId.values()) {
            byKey.merge(c.key(), c, (a, b) -> a.id() <= b.id() ? a : b);
        }
        all.repeatedId = candidates.size() - byId.size();
        all.reEmission += byId.size() - byKey.size();
        byKey.values().stream().sorted((a, b) -> Long.compare(a.id(), b.id()))
                .forEach(c -> all.accept(c.sectors(), c.pair()));
        return all;
    }

    /** The counts as _generator.json gives them, keyed like a manifest's dataset entry. */
    Map<String, Object> expected(List<String> sectorNames) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("read", rows);
        e.put("accepted", accepted);
        e.put("quarantined", quarantinedRows());
        e.put("superseded", repeatedId + reEmission);
        e.put("after_as_of", afterAsOf);
        e.put("out_of_scope", outOfScopeRows());
        e.put("quarantined_by_reason", nonZero(QUARANTINE, quarantined));
        e.put("out_of_scope_by_reason", nonZero(OUT_OF_SCOPE, outOfScope));
        Map<String, Long> superseded = new LinkedHashMap<>();
        superseded.put("repeated_id", repeatedId);
        superseded.put("re_emission", reEmission);
        e.put("superseded_by_reason", superseded);
        e.put("accepted_pairs", (long) acceptedPairs.cardinality());
        Map<String, Long> bySector = new TreeMap<>();
        for (int s = 0; s < sectorNames.size(); s++) {
            if (acceptedBySector[s] > 0) {
                bySector.put(sectorNames.get(s), acceptedBySector[s]);
            }
        }
        e.put("accepted_by_sector", bySector);
        return e;
    }

    private static Map<String, Long> nonZero(String[] names, long[] counts) {
        Map<String, Long> m = new TreeMap<>();
        for (int i = 0; i < names.length; i++) {
            if (counts[i] > 0) {
                m.put(names[i], counts[i]);
            }
        }
        return m;
    }

    private static void add(long[] into, long[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }

    private static long sum(long[] counts) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }
}
