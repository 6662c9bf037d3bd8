package dev.soma.engine.train.internal;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.testing.TestData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.plugins.Loss;
import dev.soma.plugins.LossProvider;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.OptimizerState;
import dev.soma.plugins.Options;
import dev.soma.plugins.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * The training loop's contract with its plugins, with both mocked: the optimizer is initialised once for d + 1
 * parameters before its first step, steps once per batch of its batch size (1, k or N), each step sees the
 * cost of its batch and its epoch; the loss sees every batch, then the full data once per epoch; the stopping
 * criteria end the calls.
 */
class TrainingLoopContractTest {

    private static final int N = 20;
    private static final int D = 3;

    private final Optimizer optimizer = mock(Optimizer.class);
    private final Loss loss = mock(Loss.class);
    private final List<Integer> lossBatchSizes = new ArrayList<>();
    private final Dataset data = TestData.linear(N, new float[] {1f, -1f, 0.5f}, 0f, 0.1, 31);

    private PluginRegistry registry(int batchSize) {
        when(optimizer.name()).thenReturn("mock");
        when(optimizer.batchSize()).thenReturn(batchSize);
        when(optimizer.learningRate()).thenReturn(0.1);
        when(optimizer.state()).thenReturn(OptimizerState.ofSteps("mock", 0));
        // Each step moves θ a little, as a real optimizer would (an unmoved θ is served from the objective's cache).
        org.mockito.Mockito.doAnswer(call -> {
            float[] theta = call.getArgument(0);
            theta[0] += 0.01f;
            return null;
        }).when(optimizer).step(any(), any(), any());
        when(loss.name()).thenReturn("mock");
        when(loss.form()).thenReturn(Loss.Form.CUSTOM);
        when(loss.acceptsLabel(anyFloatArg())).thenReturn(true);
        when(loss.lossAndDeltas(any(), any(), any(), anyInt())).thenAnswer(call -> {
            float[] scores = call.getArgument(0);
            float[] labels = call.getArgument(1);
            float[] deltas = call.getArgument(2);
            int n = call.getArgument(3);
            lossBatchSizes.add(n);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                float r = scores[i] - labels[i];
                sum += r * r;
                deltas[i] = 2 * r;
            }
            return sum;
        });
        OptimizerProvider optimizers = mock(OptimizerProvider.class);
        when(optimizers.options()).thenReturn(List.of());
        when(optimizers.create(any())).thenReturn(optimizer);
        LossProvider losses = mock(LossProvider.class);
        when(losses.options()).thenReturn(List.of());
        when(losses.create(any())).thenReturn(loss);
        return new PluginRegistry(Map.of("mock", losses), Map.of("mock", optimizers));
    }

    private static float anyFloatArg() {
        return org.mockito.ArgumentMatchers.anyFloat();
    }

    private LinearRegression train(int batchSize, int epochs, double gradientTolerance) {
        return LinearRegression.trainer()
                .plugins(registry(batchSize))
                .loss("mock", Options.empty())
                .optimizer("mock")
                .maxEpochs(epochs)
                .costTolerance(0)
                .gradientTolerance(gradientTolerance)
                .fit(data);
    }

    @ParameterizedTest(name = "batch size {0}")
    @ValueSource(ints = {1, 7, Optimizer.FULL_BATCH})
    void oneStepPerBatchAfterOneInitialisation(int batchSize) {
        train(batchSize, 3, 0);
        int m = Math.min(batchSize, N);
        int batchesPerEpoch = (N + m - 1) / m;
        InOrder order = inOrder(optimizer);
        order.verify(optimizer).initialise(eq(D + 1), eq(KernelSelection.active()));
        order.verify(optimizer, times(3 * batchesPerEpoch)).step(any(), any(), any());
        verify(optimizer, times(1)).initialise(anyInt(), any());

        ArgumentCaptor<StepContext> contexts = ArgumentCaptor.forClass(StepContext.class);
        verify(optimizer, times(3 * batchesPerEpoch)).step(any(), any(), contexts.capture());
        for (int k = 0; k < contexts.getAllValues().size(); k++) {
            StepContext c = contexts.getAllValues().get(k);
            assertEquals(1 + k / batchesPerEpoch, c.epoch());
            assertTrue(Double.isFinite(c.cost()) && c.cost() > 0);
            assertEquals(1.0, c.learningRateFactor());
        }

        // The loss sees the start, then per epoch each batch (full batch: the step reuses the last evaluation)
        // and the whole data once.
        List<Integer> expected = new ArrayList<>(List.of(N));
        for (int epoch = 0; epoch < 3; epoch++) {
            if (m < N) {
                for (int start = 0; start < N; start += m) {
                    expected.add(Math.min(m, N - start));
                }
            }
            expected.add(N);
        }
        assertEquals(expected, lossBatchSizes);
    }

    @Test
    void theGradientToleranceEndsTheStepsAfterTheEpochThatReachesIt() {
        train(7, 50, 1e9);
        verify(optimizer, times(3)).step(any(), any(), any()); // one epoch of ⌈20/7⌉ batches
    }

    @Test
    void theStepsSeeTheParametersAndTheGradientOfDPlusOneValues() {
        train(Optimizer.FULL_BATCH, 1, 0);
        ArgumentCaptor<float[]> parameters = ArgumentCaptor.forClass(float[].class);
        ArgumentCaptor<float[]> gradients = ArgumentCaptor.forClass(float[].class);
        verify(optimizer).step(parameters.capture(), gradients.capture(), any());
        assertEquals(D + 1, parameters.getValue().length);
        assertEquals(D + 1, gradients.getValue().length);
        verify(optimizer, never()).restore(any());
        verify(loss, atLeastOnce()).lossAndDeltas(any(), any(), any(), anyInt());
    }
}
