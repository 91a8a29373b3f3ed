package org.coopmetrics.generate;

import java.util.SplittableRandom;

/** Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s: a few ranks carry most draws. */
final class Zipf {
    private final double[] cumulative;

    Zipf(int n, double s) {
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = 1.0 / StrictMath.pow(i + 1, s);
        }
        cumulative = Weighted.cumulative(weights);
    }

    int next(SplittableRandom r) {
        return Weighted.draw(cumulative, r.nextDouble());
    }

    /** The share of draws that fall on the first {@code k} ranks. */
    double headShare(int k) {
        return cumulative[Math.min(k, cumulative.length) - 1];
    }
}
