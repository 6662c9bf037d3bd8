package com.example.guide;

import dev.soma.plugins.BasicLossProvider;
import java.util.List;

/** Provides the "logcosh" loss; listed in META-INF/services/dev.soma.plugins.LossProvider. */
public final class LogCoshProvider extends BasicLossProvider {

    static final String NAME = "logcosh";

    public LogCoshProvider() {
        super(NAME, "log-cosh regression loss: squared error near the label, absolute error far from it",
                List.of(), options -> new LogCosh());
    }
}
