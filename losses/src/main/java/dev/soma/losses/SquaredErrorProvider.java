package dev.soma.losses;

import dev.soma.plugins.Loss;
import dev.soma.plugins.LossProvider;
import dev.soma.plugins.Option;
import dev.soma.plugins.Options;
import java.util.List;

/** Provides {@code "mse"}: squared error, for linear regression. No options. */
public final class SquaredErrorProvider implements LossProvider {

    @Override
    public String name() {
        return SquaredError.NAME;
    }

    @Override
    public String description() {
        return "squared error (score - label)^2, for linear regression";
    }

    @Override
    public List<Option<?>> options() {
        return List.of();
    }

    @Override
    public Loss create(Options options) {
        return new SquaredError();
    }
}
