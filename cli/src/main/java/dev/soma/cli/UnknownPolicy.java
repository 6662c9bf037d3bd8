package dev.soma.cli;

import dev.soma.engine.table.UnknownLevels;

/** {@code --unknown}: what scoring does with a categorical level the model did not see in training. */
enum UnknownPolicy {
    zeros(UnknownLevels.ZEROS),
    error(UnknownLevels.ERROR);

    private final UnknownLevels policy;

    UnknownPolicy(UnknownLevels policy) {
        this.policy = policy;
    }

    UnknownLevels policy() {
        return policy;
    }
}
