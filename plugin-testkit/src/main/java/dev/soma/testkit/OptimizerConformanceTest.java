package dev.soma.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.soma.plugins.Option;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.OptimizerState;
import dev.soma.plugins.StepContext;
import dev.soma.plugins.Options;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The conformance tests every optimizer plugin should pass. Extend it, return your provider, and, if its
 * defaults are not meant for these small problems, the options to test with:
 *
 * <pre>{@code
 * class LionConformanceTest extends OptimizerConformanceTest {
 *     protected OptimizerProvider provider() { return new LionProvider(); }
 *     protected Options options() { return Options.of("learningRate", 0.01); }
 * }
 * }</pre>
 *
 * It checks that the optimizer reaches the optimum of a convex quadratic within a step budget you state
 * ({@link #quadraticSteps()}, with {@link #quadraticOptions()}), that it decreases a logistic-regression log loss, that reset,
 * copy and the state round trip hold, that training is deterministic for a seed, and that the provider declares
 * itself properly. It needs only the plugins API and JUnit: the problems are evaluated in plain Java, with
 * {@link PlainVectorOps} as the SIMD operations.
 *
 * <p>The tests are JUnit 5 (Jupiter) tests: run them with Maven Surefire 3 or newer (Surefire 2.12, Maven 3.8's
 * default, finds no JUnit 5 test and reports success without running any).
 */
public abstract class OptimizerConformanceTest {

    /** For subclasses, which JUnit instantiates once per test. */
    public OptimizerConformanceTest() {
    }

    /**
     * The provider under test.
     *
     * @return a new provider of the optimizer
     */
    protected abstract OptimizerProvider provider();

    /**
     * The options to create the optimizer with (default: none, so every option takes its default). Give a larger
     * learning rate here if the default is tuned for long runs.
     *
     * @return the option values
     */
    protected Options options() {
        return Options.empty();
    }

    /**
     * The step budget on the convex quadratic (default 300): after this many steps the parameters must be within
     * {@value #QUADRATIC_TOLERANCE} of the optimum in every coordinate, and stay there. State a budget that your
     * optimizer meets with a small margin, so that a slower, broken update misses it.
     *
     * @return the step budget
     */
    protected int quadraticSteps() {
        return 300;
    }

    /**
     * The options for the quadratic (default {@link #options()}). A rule whose steps do not shrink with the
     * gradient (sign-based, such as Lion) needs a learning rate below the tolerance here.
     *
     * @return the option values for the quadratic
     */
    protected Options quadraticOptions() {
        return options();
    }

    /** How close to the quadratic's optimum the parameters must end, in every coordinate. */
    public static final double QUADRATIC_TOLERANCE = 1e-3;

    /** The extra steps after the budget during which the parameters must stay within the tolerance. */
    private static final int STAY_STEPS = 20;

    /**
     * Epochs on the logistic problem (default 30).
     *
     * @return how many epochs the optimizer trains the logistic regression for
     */
    protected int logisticEpochs() {
        return 30;
    }

    private Optimizer fresh(int parameters) {
        Optimizer optimizer = provider().create(options());
        optimizer.initialise(parameters, new PlainVectorOps());
        return optimizer;
    }

    /**
     * The provider's name is lower-case, its options have unique names and defaults that survive their text form,
     * {@link #options()} are declared, {@code create} makes a new optimizer each time, named as the provider, with
     * a batch size of at least 1 and a finite positive learning rate.
     */
    @Test
    public void theProviderDeclaresAValidNameAndOptions() {
        OptimizerProvider provider = provider();
        assertTrue(provider.name().matches("[a-z][a-z0-9-]*"), "a stable lower-case name: " + provider.name());
        assertNotNull(provider.description());
        Set<String> names = new HashSet<>();
        for (Option<?> option : provider.options()) {
            assertTrue(names.add(option.name()), "option '" + option.name() + "' is declared twice");
            assertEquals(option.defaultValue(), option.convert(String.valueOf(option.defaultValue())),
                    "the default of '" + option.name() + "' survives its text form");
        }
        options().validateAgainst(provider.name(), provider.options());
        Optimizer a = provider.create(options());
        Optimizer b = provider.create(options());
        assertNotSame(a, b, "create makes a new instance each time");
        assertEquals(provider.name(), a.name());
        assertTrue(a.batchSize() >= 1, "the batch size is at least 1 (or Optimizer.FULL_BATCH)");
        assertTrue(a.learningRate() > 0 && Double.isFinite(a.learningRate()));
    }

    /**
     * After {@link #quadraticSteps()} steps with {@link #quadraticOptions()} the parameters are within
     * {@value #QUADRATIC_TOLERANCE} of the convex quadratic's optimum in every coordinate, stay there, and
     * {@code steps()} counts every step.
     */
    @Test
    public void itConvergesOnAConvexQuadraticWithinItsBudget() {
        TestProblems.Quadratic problem = new TestProblems.Quadratic();
        Optimizer optimizer = provider().create(quadraticOptions());
        optimizer.initialise(problem.size(), new PlainVectorOps());
        float[] theta = new float[problem.size()];
        float[] gradient = new float[problem.size()];
        int budget = quadraticSteps();
        for (int step = 1; step <= budget + STAY_STEPS; step++) {
            double cost = problem.evaluate(theta, gradient);
            optimizer.step(theta, gradient, TestProblems.context(cost, 1, problem));
            if (step >= budget) {
                double distance = problem.distanceToOptimum(theta);
                assertTrue(distance <= QUADRATIC_TOLERANCE, "after " + step + " steps (budget " + budget
                        + ") the parameters are " + distance + " from the optimum, more than " + QUADRATIC_TOLERANCE);
            }
        }
        assertEquals(budget + STAY_STEPS, optimizer.steps());
        double cost = problem.evaluate(theta, gradient);
        assertTrue(cost <= 0.5 * QUADRATIC_TOLERANCE * QUADRATIC_TOLERANCE * problem.curvatureSum(),
                "the cost at the end is " + cost);
    }

    /** {@link #logisticEpochs()} epochs of shuffled batches lower a logistic regression's log loss by 10 % or more. */
    @Test
    public void itDecreasesALogLoss() {
        TestProblems.Logistic problem = new TestProblems.Logistic();
        double initial = problem.meanLoss(new float[TestProblems.Logistic.D + 1]);
        float[] theta = problem.train(fresh(TestProblems.Logistic.D + 1), logisticEpochs(), 42);
        double trained = problem.meanLoss(theta);
        assertTrue(trained < 0.9 * initial, "the log loss fell from " + initial + " to " + trained + " only");
    }

    /** Two runs with the same seed end with the same parameters, bit for bit. */
    @Test
    public void trainingIsDeterministicForASeed() {
        TestProblems.Logistic problem = new TestProblems.Logistic();
        float[] first = problem.train(fresh(TestProblems.Logistic.D + 1), 5, 11);
        float[] second = problem.train(fresh(TestProblems.Logistic.D + 1), 5, 11);
        assertArrayEquals(first, second, 0f, "the same seed gives the same parameters, bit for bit");
    }

    /** A {@code copy()} continues exactly as the original, and its steps do not advance the original. */
    @Test
    public void aCopyContinuesExactlyAndIndependently() {
        TestProblems.Quadratic problem = new TestProblems.Quadratic();
        Optimizer original = fresh(problem.size());
        float[] theta = new float[problem.size()];
        run(original, problem, theta, 5);
        Optimizer copy = original.copy();
        assertNotSame(original, copy);
        assertEquals(original.steps(), copy.steps());
        float[] thetaCopy = theta.clone();
        run(original, problem, theta, 5);
        run(copy, problem, thetaCopy, 5);
        assertArrayEquals(theta, thetaCopy, 0f, "the copy continues exactly as the original");
        run(copy, problem, thetaCopy, 3);
        assertEquals(original.steps() + 3, copy.steps(), "the copy's steps do not advance the original");
    }

    /**
     * {@code state()} names the optimizer and its steps; a fresh optimizer given it by {@code restore} reports the
     * same state and continues exactly as the original; a snapshot does not change with later steps.
     */
    @Test
    public void theStateRoundTripContinuesExactly() {
        TestProblems.Quadratic problem = new TestProblems.Quadratic();
        Optimizer original = fresh(problem.size());
        float[] theta = new float[problem.size()];
        run(original, problem, theta, 7);
        OptimizerState state = original.state();
        assertEquals(original.name(), state.optimizer());
        assertEquals(7, state.steps());
        Optimizer restored = fresh(problem.size());
        restored.restore(state);
        assertSameState(state, restored.state(), "restore then state()");
        OptimizerState independentCopy = restored.state();
        float[] thetaRestored = theta.clone();
        run(original, problem, theta, 6);
        run(restored, problem, thetaRestored, 6);
        assertArrayEquals(theta, thetaRestored, 0f, "a restored optimizer continues exactly as the original");
        assertSameState(independentCopy, state, "a snapshot after its optimizer took more steps");
    }

    /**
     * Fails, naming what differs — the optimizer's name, the step count, a scalar, or a buffer and its first differing
     * index — unless the two snapshots are equal.
     *
     * @param expected the snapshot expected
     * @param actual   the snapshot obtained
     * @param what     what {@code actual} is, for the message
     */
    protected static void assertSameState(OptimizerState expected, OptimizerState actual, String what) {
        assertEquals(expected.optimizer(), actual.optimizer(), what + ": the optimizer's name");
        assertEquals(expected.steps(), actual.steps(), what + ": the step count");
        assertEquals(expected.bufferNames(), actual.bufferNames(), what + ": the buffers' names");
        assertEquals(expected.scalars().keySet(), actual.scalars().keySet(), what + ": the scalars' names");
        for (String name : expected.scalars().keySet()) {
            if (Double.compare(expected.scalar(name), actual.scalar(name)) != 0) {
                fail(what + ": scalar '" + name + "' is " + actual.scalar(name) + ", expected " + expected.scalar(name));
            }
        }
        for (String name : expected.bufferNames()) {
            float[] e = expected.buffer(name);
            float[] a = actual.buffer(name);
            if (e.length != a.length) {
                fail(what + ": buffer '" + name + "' has " + a.length + " values, expected " + e.length);
            }
            for (int i = 0; i < e.length; i++) {
                if (Float.floatToIntBits(e[i]) != Float.floatToIntBits(a[i])) {
                    fail(what + ": buffer '" + name + "' differs first at index " + i + ": " + a[i] + ", expected " + e[i]);
                }
            }
        }
    }

    /**
     * The optimizer multiplies its learning rate by {@code context.learningRateFactor()}, as schedules need: from the
     * same start, a first step taken with a factor of 0.5 moves θ about half as far as one taken with a factor of 1
     * (between 0.35 and 0.65 of it: exactly half for rules whose first step is linear in the rate).
     */
    @Test
    public void theLearningRateFactorScalesTheStep() {
        TestProblems.Quadratic problem = new TestProblems.Quadratic();
        double full = firstStepLength(problem, 1.0);
        double half = firstStepLength(problem, 0.5);
        assertTrue(full > 0, "a first step on the quadratic moves θ");
        double ratio = half / full;
        assertTrue(ratio > 0.35 && ratio < 0.65, "with StepContext.learningRateFactor() = 0.5 the first step moved "
                + ratio + " times as far as with 1: multiply the learning rate by context.learningRateFactor() in step()");
    }

    private double firstStepLength(TestProblems.Quadratic problem, double factor) {
        Optimizer optimizer = fresh(problem.size());
        float[] theta = new float[problem.size()];
        float[] gradient = new float[theta.length];
        double cost = problem.evaluate(theta, gradient);
        optimizer.step(theta, gradient, StepContext.of(cost, factor, 1, problem));
        double sum = 0;
        for (float v : theta) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    /**
     * An independent statement of the update rule, to check the plugin's steps against (for example the rule
     * written in double precision from the paper), or null to skip that check. Each call starts a new sequence.
     *
     * @return the reference, or null (the default)
     */
    protected ReferenceRule referenceRule() {
        return null;
    }

    /**
     * An update rule written independently of the plugin, stepping its own state: given θ before a step, the mean
     * gradient and the learning rate (times the schedule's factor), it returns θ after the step.
     */
    @FunctionalInterface
    public interface ReferenceRule {
        /**
         * One step of the rule.
         *
         * @param theta        the parameters before the step (not to be changed)
         * @param gradient     the mean gradient at {@code theta}
         * @param learningRate the step's learning rate, the factor applied
         * @return the parameters after the step
         */
        double[] step(float[] theta, float[] gradient, double learningRate);
    }

    /**
     * With a {@link #referenceRule()}, twenty steps on the convex quadratic match the reference to 1e-5 (relative to
     * the larger of 1 and the value), so that a swapped ρ and 1 − ρ or a missing correction shows.
     */
    @Test
    public void itsStepsMatchTheAuthorsReferenceRule() {
        ReferenceRule reference = referenceRule();
        org.junit.jupiter.api.Assumptions.assumeTrue(reference != null, "no referenceRule() given: nothing to compare");
        TestProblems.Quadratic problem = new TestProblems.Quadratic();
        Optimizer optimizer = fresh(problem.size());
        float[] theta = new float[problem.size()];
        float[] gradient = new float[theta.length];
        double rate = optimizer.learningRate();
        for (int step = 1; step <= 20; step++) {
            double cost = problem.evaluate(theta, gradient);
            double[] expected = reference.step(theta.clone(), gradient.clone(), rate);
            optimizer.step(theta, gradient, StepContext.of(cost, 1, 1, problem));
            for (int i = 0; i < theta.length; i++) {
                double tolerance = 1e-5 * Math.max(1, Math.abs(expected[i]));
                if (!(Math.abs(theta[i] - expected[i]) <= tolerance)) {
                    fail("step " + step + ": θ[" + i + "] is " + theta[i] + ", but the reference rule gives " + expected[i]);
                }
            }
        }
    }

    /**
     * An optimizer that declares {@link Optimizer#plainGradientDescent()} lets the engine take its steps itself, so
     * its {@code step} must be exactly that rule: from arbitrary θ and gradients, with learning-rate factors 1, 0.5
     * and 0.1, every step gives {@code θ − (float) (ε·f)·g} (to the rounding of one multiply-add: the engine's
     * kernels may fuse it), keeps no buffers in its state, and {@code countPlainSteps(k)} adds k to
     * {@code steps()} and to the state's step count. An optimizer that does not declare it is left alone (the
     * engine always calls its {@code step}).
     */
    @Test
    public void aDeclaredPlainRuleIsExactlyPlainGradientDescent() {
        Optimizer optimizer = fresh(7);
        if (!optimizer.plainGradientDescent()) {
            return; // not declared: the engine calls its step() for every batch, nothing more to check
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        double[] factors = {1, 0.5, 0.1};
        for (int step = 1; step <= 12; step++) {
            float[] theta = new float[7];
            float[] gradient = new float[7];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = (float) random.nextGaussian();
                gradient[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-3, 3)));
            }
            double factor = factors[step % factors.length];
            float rate = (float) (optimizer.learningRate() * factor);
            float[] before = theta.clone();
            float[] g = gradient.clone();
            optimizer.step(theta, gradient, StepContext.of(Double.NaN, factor, 1, (p, q) -> {
                throw new AssertionError("a plain gradient-descent step does not evaluate the cost");
            }));
            for (int i = 0; i < theta.length; i++) {
                double expected = before[i] - (double) rate * g[i];
                double tolerance = Math.ulp((float) expected) + Math.ulp(rate * g[i]);
                if (!(Math.abs(theta[i] - expected) <= tolerance)) {
                    fail("the optimizer declares plainGradientDescent(), but step " + step + " (factor " + factor
                            + ") moved θ[" + i + "] from " + before[i] + " to " + theta[i] + " where θ − (float) (ε·f)·g is "
                            + expected + ": declare it only for exactly that rule");
                }
            }
        }
        assertEquals(12, optimizer.steps());
        assertTrue(optimizer.state().bufferNames().isEmpty(),
                "a plain gradient-descent rule keeps no buffers, but the state holds " + optimizer.state().bufferNames());
        optimizer.countPlainSteps(5);
        assertEquals(17, optimizer.steps(), "countPlainSteps(5) adds 5 to steps()");
        assertEquals(17, optimizer.state().steps(), "the state counts the steps the engine took");
        optimizer.countPlainSteps(0);
        assertEquals(17, optimizer.copy().steps(), "a copy counts them too");
        Optimizer restored = fresh(7);
        restored.restore(optimizer.state());
        assertEquals(17, restored.steps(), "a restored optimizer counts them too");
    }

    /** {@code restore} refuses, with {@link IllegalArgumentException}, a state of another size or another optimizer. */
    @Test
    public void restoringAnotherShapeIsRefused() {
        Optimizer optimizer = fresh(3);
        OptimizerState state = fresh(5).state();
        if (!state.bufferNames().isEmpty()) {
            assertThrows(IllegalArgumentException.class, () -> optimizer.restore(state));
        }
        OptimizerState foreign = OptimizerState.ofSteps(provider().name() + "-other", 1);
        assertThrows(IllegalArgumentException.class, () -> optimizer.restore(foreign));
    }

    /** After {@code reset()} the step count is 0 and the optimizer behaves as a new one. */
    @Test
    public void resetStartsAfresh() {
        TestProblems.Quadratic problem = new TestProblems.Quadratic();
        Optimizer used = fresh(problem.size());
        run(used, problem, new float[problem.size()], 9);
        used.reset();
        assertEquals(0, used.steps());
        Optimizer brandNew = fresh(problem.size());
        float[] a = new float[problem.size()];
        float[] b = new float[problem.size()];
        run(used, problem, a, 4);
        run(brandNew, problem, b, 4);
        assertArrayEquals(b, a, 0f, "after reset the optimizer behaves as a new one");
    }

    private static void run(Optimizer optimizer, TestProblems.Quadratic problem, float[] theta, int steps) {
        float[] gradient = new float[theta.length];
        for (int i = 0; i < steps; i++) {
            double cost = problem.evaluate(theta, gradient);
            optimizer.step(theta, gradient, TestProblems.context(cost, 1, problem));
        }
    }
}
