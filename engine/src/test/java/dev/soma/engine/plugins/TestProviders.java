package dev.soma.engine.plugins;

import dev.soma.plugins.Option;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.Options;
import java.util.List;

/** Providers that misbehave in the ways a third-party plugin can, for {@link PluginLoadingTest}. */
final class TestProviders {

    private TestProviders() {
    }

    /** Throws in its constructor. */
    public static final class Exploding implements OptimizerProvider {
        public Exploding() {
            throw new IllegalStateException("boom in the constructor");
        }

        @Override
        public String name() {
            return "exploding";
        }

        @Override
        public String description() {
            return "";
        }

        @Override
        public List<Option<?>> options() {
            return List.of();
        }

        @Override
        public Optimizer create(Options options) {
            return null;
        }
    }

    /** Claims a built-in's name. */
    public static final class DuplicateSgd extends Named {
        public DuplicateSgd() {
            super("sgd");
        }
    }

    /** Fails when asked for an optimizer. */
    public static final class FailingCreate extends Named {
        public FailingCreate() {
            super("failing");
        }

        @Override
        public Optimizer create(Options options) {
            throw new UnsupportedOperationException("not today");
        }
    }

    /** A well-behaved provider that is not on the class path's services list. */
    public static final class Extra extends Named {
        public Extra() {
            super("extra");
        }
    }

    abstract static class Named implements OptimizerProvider {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "test provider " + name;
        }

        @Override
        public List<Option<?>> options() {
            return List.of();
        }

        @Override
        public Optimizer create(Options options) {
            return PluginRegistry.discover().optimizer("sgd", Options.empty());
        }
    }
}
