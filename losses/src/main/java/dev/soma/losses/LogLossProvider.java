package dev.soma.losses;

import java.util.List;

/** {@code "log"}: binary cross-entropy from the logit, for logistic regression. */
public final class LogLossProvider extends BuiltInLossProvider {
    public LogLossProvider() {
        super(LogLoss.NAME, "binary cross-entropy of sigmoid(score) against labels 0/1, computed stably from the logit",
                List.of(), o -> new LogLoss());
    }
}
