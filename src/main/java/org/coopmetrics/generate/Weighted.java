package org.coopmetrics.generate;

import java.util.SplittableRandom;

/** Draws an index with probability proportional to fixed weights. */
final class Weighted {
    private final double[] cumulative;

    Weighted(double[] weights) {
        cumulative = cumulative(weights);
    }

    int next(SplittableRandom r) {
        return draw(cumulative, r.nextDouble());
    }

    /** Running sums normalised to end at exactly 1. */
    static double[] cumulative(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] c = new double[weights.length];
        double run = 0;
        for (int i = 0; i < weights.length; i++) {
            run += weights[i];
            c[i] = run / total;
        }
        c[c.length - 1] = 1.0;
        return c;
    }

    /** The first index whose running sum exceeds u (binary search). */
    static int draw(double[] cumulative, double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
