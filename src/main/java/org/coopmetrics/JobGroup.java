package org.coopmetrics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    /** Jobs this thread starts from now on are described as part of {@code stage}. */
    public void stage(String stage) {
        // Not interrupting task threads on cancel, as Spark advises: HDFS may take an interrupt for a dead node.
        sc.setJobGroup(groupId, "coopmetrics " + runId + ": " + stage, false);
    }

    /**
     * Runs independent Spark actions from threads of their own, so that the slots one leaves idle (a stage with
     * fewer tasks than cores, the driver planning its next query) serve another; each action's jobs are described
     * by its stage name. Results come in the order given. When one fails, the others are stopped and the run's
     * jobs cancelled before its exception is rethrown: a failed run leaves nothing of its own running.
     */
    public <T> List<T> concurrently(Map<String, Callable<T>> actions) throws IOException {
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
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            stop(pool);
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
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
            stop(pool);
            Thread.currentThread().interrupt();
            throw new JobException(JobException.UNEXPECTED, "interrupted while waiting for Spark", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Stops the other actions before the failure is reported: cancelling the group ends the jobs running now, but
     * an action between two jobs would start its next one, so the group is cancelled until every action has ended.
     * The actions are not interrupted: one waiting for a broadcast would end at once, and the broadcast's thread
     * would start its job after the last cancel; failing with the job it waits for, the action ends after it.
     */
    private void stop(ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        pool.shutdown();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try {
            do {
                cancel();
            } while (!pool.awaitTermination(100, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
