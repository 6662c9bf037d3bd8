package dev.soma.engine.properties;

import java.util.SplittableRandom;

/**
 * Random inputs for the property tests, drawn from a seed so that a failure names the case that reproduces it.
 * Values mix the ordinary with the awkward: zeros of both signs, subnormals, the smallest normals, large
 * magnitudes (up to 1e18, so that products and sums of a few hundred stay finite in float) and plain Gaussians.
 */
final class Generators {

    private Generators() {
    }

    /** One float of the mixed distribution. */
    static float value(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0 -> random.nextBoolean() ? 0f : -0f;
            case 1 -> (random.nextBoolean() ? 1 : -1) * Float.MIN_VALUE * (1 + random.nextInt(1 << 20)); // subnormal
            case 2 -> (random.nextBoolean() ? 1 : -1) * Float.MIN_NORMAL * (float) (1 + random.nextDouble());
            case 3 -> (float) ((random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextDouble(6, 18)));
            default -> (float) random.nextGaussian();
        };
    }

    static float[] values(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = value(random);
        }
        return v;
    }

    /** Gaussians scaled by {@code scale}: for the properties that need values of one size. */
    static float[] gaussians(SplittableRandom random, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }
}
