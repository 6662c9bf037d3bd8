package dev.soma.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.soma.plugins.CostFunction;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.Options;
import dev.soma.plugins.StepContext;
import dev.soma.testkit.PlainVectorOps;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * L-BFGS's line search, one decision at a time, on one parameter with a scripted cost function. The first step
 * from θ = 0 with gradient 2 and cost {@code J0} goes along d = −2 with length t = rate / |g| = 0.25 (rate 0.5),
 * so the first trial point is −0.5 and the slope along d is gᵀd = −4. Armijo accepts a trial cost up to
 * {@code J0 − 1e-4·0.25·4}; within the cost's float noise (1e-7 relative) Hager and Zhang's approximate Wolfe
 * conditions accept a trial slope in [0.9·(−4), −0.8·(−4)] = [−3.6, 3.2].
 */
class LbfgsLineSearchTest {

    /** Answers each evaluation with the next scripted (cost, gradient) and records where it was evaluated. */
    private static final class Script implements CostFunction {
        final List<double[]> answers = new ArrayList<>();
        final List<Float> points = new ArrayList<>();

        Script then(double cost, double gradient) {
            answers.add(new double[] {cost, gradient});
            return this;
        }

        @Override
        public double evaluate(float[] parameters, float[] gradient) {
            points.add(parameters[0]);
            double[] answer = answers.get(Math.min(points.size() - 1, answers.size() - 1));
            gradient[0] = (float) answer[1];
            return answer[0];
        }
    }

    private static Optimizer lbfgs(Options options) {
        Optimizer optimizer = new LbfgsProvider().create(options);
        optimizer.initialise(1, new PlainVectorOps());
        return optimizer;
    }

    /** One step from θ = 0, gradient 2, cost {@code cost}; returns θ after it. */
    private static float firstStep(double cost, Script script) {
        return firstStep(lbfgs(Options.of("learningRate", 0.5)), cost, script);
    }

    private static float firstStep(Optimizer optimizer, double cost, Script script) {
        float[] theta = {0f};
        optimizer.step(theta, new float[] {2f}, StepContext.of(cost, 1, 1, script));
        return theta[0];
    }

    @Test
    void aTrialCostOnTheArmijoLineIsAcceptedAtOnce() {
        // The trial slope −4 fails the Wolfe test: only Armijo can accept it.
        Script script = new Script().then(1 + 1e-4 * 0.25 * -4, 2);
        assertEquals(-0.5f, firstStep(1, script));
        assertEquals(List.of(-0.5f), script.points, "one evaluation: the engine gave the cost at θ");
    }

    @Test
    void aTrialCostJustAboveTheArmijoLineIsRejectedWhenTheSlopeHasNotFlattened() {
        // Within the noise, but the slope −4 is below 0.9·(−4): rejected. The quadratic model then asks for more
        // than half the step, so the step is halved: the second trial is at −0.25, and is accepted.
        Script script = new Script().then(0.99995, 2).then(0, 0);
        assertEquals(-0.25f, firstStep(1, script));
        assertEquals(List.of(-0.5f, -0.25f), script.points);
    }

    @Test
    void withinTheNoiseAFlattenedSlopeIsAccepted() {
        assertEquals(-0.5f, firstStep(1, new Script().then(0.99995, 0.5)));   // slope −1
        assertEquals(-0.5f, firstStep(1, new Script().then(0.99995, -1)));    // slope 2 ≤ 3.2
        assertEquals(-0.5f, firstStep(1, new Script().then(0.99995, -1.5)));  // slope 3
    }

    @Test
    void withinTheNoiseASlopeThatTurnedTooFarUpIsRejected() {
        Script script = new Script().then(0.99995, -2).then(0, 0);            // slope 4 > 3.2
        assertEquals(-0.25f, firstStep(1, script));
    }

    @Test
    void theNoiseIsRelativeToTheCost() {
        // J0 = 2: the noise is 2e-7. A rise of 1e-7 is within it, a rise of 3e-7 is not.
        assertEquals(-0.5f, firstStep(2, new Script().then(2 + 1e-7, 0.5)));
        Script beyond = new Script().then(2 + 3e-7, 0.5).then(0, 0);
        assertEquals(-0.25f, firstStep(2, beyond), 1e-6f);
    }

    @Test
    void backtrackingGoesToTheMinimumOfTheQuadraticModelWhenThatIsBetweenATenthAndAHalf() {
        // φ(0) = 1, φ'(0) = −4, φ(0.25) = 2: the model's minimum is at 4·0.0625 / (2·(2 − 1 + 1)) = 0.0625.
        Script script = new Script().then(2, 0).then(0, 0);
        assertEquals(-0.125f, firstStep(1, script));
        assertEquals(List.of(-0.5f, -0.125f), script.points);
    }

    @Test
    void backtrackingCutsToATenthWhenTheModelAsksForLess() {
        // φ(0.25) = 100: the model's minimum 0.25/200 is below 0.025, so the step is cut to a tenth.
        Script script = new Script().then(100, 0).then(0, 0);
        assertEquals(-0.05f, firstStep(1, script), 1e-8f);
    }

    @Test
    void aNonFiniteTrialCostIsRejectedAndTheStepCutToATenth() {
        Script script = new Script().then(Double.NaN, 0).then(0, 0);
        assertEquals(-0.05f, firstStep(1, script), 1e-8f);
        Script infinite = new Script().then(Double.POSITIVE_INFINITY, 0).then(0, 0);
        assertEquals(-0.05f, firstStep(1, infinite), 1e-8f);
    }

    @Test
    void theLineSearchStopsAfterMaxLineSearchTrialsAndLeavesTheParameters() {
        Script rising = new Script().then(50, 0);
        Optimizer optimizer = lbfgs(Options.of("learningRate", 0.5, "maxLineSearch", 3));
        assertEquals(0f, firstStep(optimizer, 1, rising));
        assertEquals(3, rising.points.size());
    }

    @Test
    void anUnknownCostIsEvaluatedFirst() {
        Script script = new Script().then(1, 2).then(0, 0);
        assertEquals(-0.5f, firstStep(Double.NaN, script));
        assertEquals(List.of(0f, -0.5f), script.points, "the cost at θ, then the trial");
    }

    @Test
    void aZeroGradientLeavesTheParametersAndEvaluatesNothing() {
        Optimizer optimizer = lbfgs(Options.empty());
        Script script = new Script().then(0, 0);
        float[] theta = {3f};
        optimizer.step(theta, new float[] {0f}, StepContext.of(1, 1, 1, script));
        assertEquals(3f, theta[0]);
        assertEquals(List.of(), script.points);
    }

    @Test
    void theSecondStepIsANewtonStepOnAOneDimensionalQuadratic() {
        // J = ½·4·(θ − 1)²: after one step the pair (s, y) has y = 4s, so H = 1/4 and the second step, of length
        // rate = 1, lands on the minimum; a failed line search then clears that history.
        CostFunction quadratic = (p, g) -> {
            double r = p[0] - 1;
            g[0] = (float) (4 * r);
            return 2 * r * r;
        };
        Optimizer optimizer = lbfgs(Options.empty());
        float[] theta = {0f};
        float[] gradient = new float[1];
        for (int i = 0; i < 2; i++) {
            double cost = quadratic.evaluate(theta, gradient);
            optimizer.step(theta, gradient, StepContext.of(cost, 1, 1, quadratic));
        }
        assertEquals(1f, theta[0], 1e-6f);
    }

    @Test
    void aFailedLineSearchForgetsTheCurvatureHistory() {
        // A first accepted step stores a pair with y = 4s. After a failed search, the next step is again scaled
        // by rate / |g| (a fresh start), not by the pair's 1/4.
        Optimizer optimizer = lbfgs(Options.of("learningRate", 0.5, "maxLineSearch", 1));
        float[] theta = {0f};
        optimizer.step(theta, new float[] {2f}, StepContext.of(1, 1, 1, new Script().then(0.5, 0)));
        assertEquals(-0.5f, theta[0]);                                       // s = −0.5, y = 0 − 2 = −2: sᵀy = 1
        optimizer.step(theta, new float[] {2f}, StepContext.of(1, 1, 1, new Script().then(50, 0)));
        assertEquals(-0.5f, theta[0], "the failed search leaves θ");
        Script fresh = new Script().then(0, 0);
        optimizer.step(theta, new float[] {2f}, StepContext.of(1, 1, 1, fresh));
        assertEquals(List.of(-1f), fresh.points, "a fresh first step of length 0.5 along −g");
    }
}
