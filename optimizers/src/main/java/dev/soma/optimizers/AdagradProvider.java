package dev.soma.optimizers;

import java.util.List;

/** {@code "adagrad"}. */
public final class AdagradProvider extends BuiltInOptimizerProvider {
    public AdagradProvider() {
        super("adagrad", "AdaGrad: steps divided by the root of the summed squared gradients",
                List.of(OptimizerOptions.ADAGRAD_RATE, OptimizerOptions.EPSILON, BuiltInOptimizerProvider.BATCH_SIZE),
                o -> AdaptiveRate.adagrad(batchSize(o), o.get(OptimizerOptions.ADAGRAD_RATE), o.get(OptimizerOptions.EPSILON)));
    }
}
