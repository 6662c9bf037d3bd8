package dev.soma.losses;

import dev.soma.plugins.Loss;
import dev.soma.plugins.LossProvider;
import dev.soma.plugins.Option;
import dev.soma.plugins.Options;
import java.util.List;

/** Provides {@code "log"}: binary cross-entropy from the logit, for logistic regression. No options. */
public final class LogLossProvider implements LossProvider {

    @Override
    public String name() {
        return LogLoss.NAME;
    }

    @Override
    public String description() {
        return "binary cross-entropy of sigmoid(score) against labels 0/1, computed stably from the logit";
    }

    @Override
    public List<Option<?>> options() {
        return List.of();
    }

    @Override
    public Loss create(Options options) {
        return new LogLoss();
    }
}
