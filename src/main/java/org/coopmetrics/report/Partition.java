package org.coopmetrics.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Comparator;
import org.coopmetrics.config.Grain;

/**
 * One (grain, year) partition of a report partitioned like {@code dyad_sector_period}. Written as its folder
 * path, {@code grain=month/year=2025}, in the manifest and the publication journal.
 */
public record Partition(Grain grain, int year) implements Comparable<Partition> {
    /** By the folder's name: grain id, then year (the manifest lists partitions in this order). */
    private static final Comparator<Partition> ORDER =
            Comparator.comparing((Partition p) -> p.grain().id()).thenComparingInt(Partition::year);

    @JsonValue
    public String path() {
        return "grain=" + grain.id() + "/year=" + year;
    }

    @JsonCreator
    public static Partition parse(String path) {
        String[] parts = path.split("/");
        if (parts.length != 2 || !parts[0].startsWith("grain=") || !parts[1].startsWith("year=")) {
            throw new IllegalArgumentException("not a report partition: '" + path + "'");
        }
        return new Partition(Grain.parse(parts[0].substring("grain=".length())),
                Integer.parseInt(parts[1].substring("year=".length())));
    }

    @Override
    public int compareTo(Partition other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return path();
    }
}
