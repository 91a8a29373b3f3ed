package org.coopmetrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.SparkContext;

/**
 * The Spark jobs of one run. Every job the run starts carries the group {@code coopmetrics-<run id>} and a
 * description naming the run and its stage ("coopmetrics 20261129T101500Z-1a2b3c4d: writing evidence"), so the
 * Spark UI on a cluster says whose job it is; a failure cancels this group only, never other work sharing the
 * session (a notebook, a driver running several jobs). Closing it restores the thread's earlier settings.
 */
public final class JobGroup implements AutoCloseable {
    private static final String GROUP = "spark.jobGroup.id";
    private static final String DESCRIPTION = "spark.job.description";
    private static final String INTERRUPT = "spark.job.interruptOnCancel";

    private final SparkContext sc;
    private final String runId;
    private final String groupId;
    private final Map<String, String> before = new LinkedHashMap<>();

    public JobGroup(SparkContext sc, String runId) {
        this.sc = sc;
        this.runId = runId;
        this.groupId = "coopmetrics-" + runId;
        for (String key : List.of(GROUP, DESCRIPTION, INTERRUPT)) {
            before.put(key, sc.getLocalProperty(key));
        }
        stage("starting");
    }

    public String id() {
        return groupId;
    }

    /** Jobs this thread starts from now on are described as part of {@code stage}. */
    public void stage(String stage) {
        // Interrupting on cancel stops a task blocked in I/O, not only at its next row.
        sc.setJobGroup(groupId, "coopmetrics " + runId + ": " + stage, true);
    }

    /**
     * Runs independent Spark actions from threads of their own, so that the slots one leaves idle (a stage with
     * fewer tasks than cores, the driver planning its next query) serve another; each action's jobs are described
     * by its stage name. Results come in the order given. When one fails, the run's jobs are cancelled and its
     * exception is rethrown.
     */
    public <T> List<T> concurrently(Map<String, Callable<T>> actions) throws java.io.IOException {
        ExecutorService pool = Executors.newFixedThreadPool(actions.size(), r -> {
            Thread t = new Thread(r, "coopmetrics-action");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            actions.forEach((stage, action) -> futures.add(pool.submit(() -> {
                stage(stage);
                return action.call();
            })));
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(await(f));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private <T> T await(Future<T> f) throws java.io.IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            cancel();
            Throwable cause = e.getCause();
            if (cause instanceof java.io.IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new JobException(JobException.UNEXPECTED, "interrupted while waiting for Spark", e);
        }
    }

    /** Cancels the run's jobs that are still running; other jobs of the session go on. */
    public void cancel() {
        sc.cancelJobGroup(groupId);
    }

    @Override
    public void close() {
        before.forEach(sc::setLocalProperty);
    }
}
