package org.coopmetrics.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs input files into read tasks. One task per file made many small files cost a task each (GDELT publishes
 * a file every fifteen minutes: 35,000 a year), so files share a task, in path order, until the task holds its
 * share of the bytes. A file is never split here: a file larger than a share is a task of its own.
 */
public final class FilePacking {
    /** A task reads at most about this much, so that a large input still gives a task per core and more. */
    public static final long MAX_TASK_BYTES = 128L << 20;

    private FilePacking() {
    }

    /**
     * Groups {@code files} (with their sizes, in the same order) into about {@code minTasks} groups of equal bytes,
     * more when a group would exceed about {@link #MAX_TASK_BYTES}; no more files than {@code minTasks}: a group
     * each. Order is kept.
     */
    public static List<List<String>> pack(List<String> files, List<Long> bytes, int minTasks) {
        if (files.size() != bytes.size()) {
            throw new IllegalArgumentException(files.size() + " files but " + bytes.size() + " sizes");
        }
        if (files.size() <= minTasks) {
            return files.stream().map(List::of).toList();
        }
        long total = 0;
        for (long b : bytes) {
            total += Math.max(b, 1); // an empty file still costs an open
        }
        long tasks = Math.max(minTasks, (total + MAX_TASK_BYTES - 1) / MAX_TASK_BYTES);
        long share = Math.max(1, (total + tasks - 1) / tasks);
        // A file goes to the task whose share of the bytes holds its middle byte, so that a large file is not
        // swallowed by the small ones before it; a task is also closed before it grows past MAX_TASK_BYTES.
        List<List<String>> groups = new ArrayList<>();
        List<String> group = new ArrayList<>();
        long index = 0;
        long inGroup = 0;
        long before = 0;
        for (int i = 0; i < files.size(); i++) {
            long size = Math.max(bytes.get(i), 1);
            long wanted = (before + size / 2) / share;
            if (!group.isEmpty() && (wanted > index || inGroup + size > MAX_TASK_BYTES)) {
                groups.add(group);
                group = new ArrayList<>();
                inGroup = 0;
                index = Math.max(index + 1, wanted);
            }
            group.add(files.get(i));
            inGroup += size;
            before += size;
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }
}
