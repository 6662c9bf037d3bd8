package dev.soma.losses;

import java.util.List;

/** {@code "mse"}: squared error, for linear regression. */
public final class SquaredErrorProvider extends BuiltInLossProvider {
    public SquaredErrorProvider() {
        super(SquaredError.NAME, "squared error (score - label)^2, for linear regression", List.of(),
                o -> new SquaredError());
    }
}
