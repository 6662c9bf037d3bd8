package dev.soma.engine.model;

/**
 * Platt scaling: a classifier's score z turned into a probability of class 1, {@code p = 1 / (1 + exp(a·z + b))},
 * with a and b fitted by maximum likelihood on scores the classifier gave to examples it did not train on (Platt
 * 1999, with the regularised targets {@code (N₊ + 1)/(N₊ + 2)} and {@code 1/(N₋ + 2)} in place of 1 and 0, which keep
 * a and b finite on separable scores; fitted by Newton's method with a backtracking line search, as Lin, Lin and
 * Weng 2007 recommend). The same objective scikit-learn's {@code CalibratedClassifierCV(method="sigmoid")} fits.
 * A well-ranked score has {@code a < 0}.
 *
 * @param a     the slope on the score (negative when larger scores mean class 1)
 * @param b     the offset
 * @param folds how many held-out folds the scores came from (for the record)
 */
public record PlattScaling(double a, double b, int folds) {

    private static final int MAX_ITERATIONS = 100;
    private static final double GRADIENT_TOLERANCE = 1e-10;
    /** Keeps the 2 × 2 Hessian invertible when every score is the same. */
    private static final double RIDGE = 1e-12;

    public PlattScaling {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("Platt scaling needs finite a and b, but got a = " + a + ", b = " + b);
        }
    }

    /** The probability of class 1 for score {@code z}. */
    public double probability(double z) {
        return logisticOfMinus(a * z + b);
    }

    /** Class 1 exactly when its probability is at least 1/2, that is when {@code a·z + b ≤ 0}. */
    public boolean isClassOne(double z) {
        return a * z + b <= 0;
    }

    /**
     * Fits a and b to held-out scores and their true classes (0 or 1).
     *
     * @throws IllegalArgumentException when the arrays differ in length, a score is not finite, a class is not 0 or
     *                                  1, or one class is absent (nothing to calibrate against)
     */
    public static PlattScaling fit(float[] scores, int[] classes, int folds) {
        if (scores.length != classes.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + classes.length + " classes");
        }
        int positives = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!Float.isFinite(scores[i])) {
                throw new IllegalArgumentException("held-out score " + i + " is " + scores[i]);
            }
            if (classes[i] != 0 && classes[i] != 1) {
                throw new IllegalArgumentException("class " + classes[i] + " of example " + i + ": Platt scaling takes 0 or 1");
            }
            positives += classes[i];
        }
        int negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("Platt scaling needs held-out examples of both classes, but all "
                    + scores.length + " are of class " + (positives == 0 ? 0 : 1));
        }
        double[] target = new double[scores.length];
        double high = (positives + 1.0) / (positives + 2.0);
        double low = 1.0 / (negatives + 2.0);
        for (int i = 0; i < target.length; i++) {
            target[i] = classes[i] == 1 ? high : low;
        }
        double a = 0;
        double b = Math.log((negatives + 1.0) / (positives + 1.0));
        double cost = cost(scores, target, a, b);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            // Gradient and Hessian of Σ log(1 + e^u) − (1 − t)·u over u = a·z + b: ∂/∂u = t − p, ∂²/∂u² = p(1 − p).
            double ga = 0;
            double gb = 0;
            double haa = RIDGE;
            double hab = 0;
            double hbb = RIDGE;
            for (int i = 0; i < scores.length; i++) {
                double z = scores[i];
                double p = logisticOfMinus(a * z + b);
                double g = target[i] - p;
                double h = p * (1 - p);
                ga += g * z;
                gb += g;
                haa += h * z * z;
                hab += h * z;
                hbb += h;
            }
            if (Math.abs(ga) < GRADIENT_TOLERANCE * scores.length && Math.abs(gb) < GRADIENT_TOLERANCE * scores.length) {
                break;
            }
            double determinant = haa * hbb - hab * hab;
            double da = -(hbb * ga - hab * gb) / determinant;
            double db = -(-hab * ga + haa * gb) / determinant;
            double slope = ga * da + gb * db;
            double step = 1;
            while (step >= 1e-10) {
                double next = cost(scores, target, a + step * da, b + step * db);
                if (next <= cost + 1e-4 * step * slope) {
                    a += step * da;
                    b += step * db;
                    cost = next;
                    break;
                }
                step /= 2;
            }
            if (step < 1e-10) {
                break; // no decrease along the Newton direction: at the optimum to rounding
            }
        }
        return new PlattScaling(a, b, folds);
    }

    /** {@code 1/(1 + e^u)}, written so that neither branch overflows. */
    private static double logisticOfMinus(double u) {
        return u >= 0 ? Math.exp(-u) / (1 + Math.exp(-u)) : 1 / (1 + Math.exp(u));
    }

    /** Σ log(1 + e^u) − (1 − t)·u, the regularised targets' log loss. */
    private static double cost(float[] scores, double[] target, double a, double b) {
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double u = a * scores[i] + b;
            double softplus = u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
            sum += softplus - (1 - target[i]) * u;
        }
        return sum;
    }
}
