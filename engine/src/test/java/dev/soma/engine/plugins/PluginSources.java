package dev.soma.engine.plugins;

/** Sources of third-party plugins for {@link PluginCompatibilityTest}, and older or newer versions of the API. */
final class PluginSources {

    private PluginSources() {
    }

    static final String OPTIMIZER_PROVIDER = "dev.soma.plugins.OptimizerProvider";
    static final String LOSS_PROVIDER = "dev.soma.plugins.LossProvider";

    /** The Optimizer interface as it was before checkpoints: no state() and restore(). */
    static final String OLD_OPTIMIZER_API = """
            package dev.soma.plugins;
            public interface Optimizer {
                int FULL_BATCH = Integer.MAX_VALUE;
                String name();
                int batchSize();
                void initialise(int parameterCount, VectorOps ops);
                void step(float[] parameters, float[] gradient, StepContext context);
                void reset();
                Optimizer copy();
                double learningRate();
                long steps();
            }
            """;

    /** The Loss interface with a derivative in double. */
    static final String OLD_LOSS_API = """
            package dev.soma.plugins;
            public interface Loss {
                String name();
                double value(float score, float label);
                double derivative(float score, float label);
            }
            """;

    /** A VectorOps of a newer API, with a method the running one lacks. */
    static final String NEWER_VECTOR_OPS_API = """
            package dev.soma.plugins;
            public interface VectorOps {
                void fancy(float[] x);
            }
            """;

    /** Plain gradient descent, written against {@link #OLD_OPTIMIZER_API}. */
    static final String OLD_SGD = """
            package com.example.old;
            import dev.soma.plugins.*;
            public final class OldSgd implements Optimizer {
                private long steps;
                public String name() { return "old"; }
                public int batchSize() { return FULL_BATCH; }
                public void initialise(int parameterCount, VectorOps ops) { steps = 0; }
                public void step(float[] p, float[] g, StepContext context) {
                    for (int i = 0; i < p.length; i++) { p[i] -= 0.1f * g[i]; }
                    steps++;
                }
                public void reset() { steps = 0; }
                public Optimizer copy() { OldSgd o = new OldSgd(); o.steps = steps; return o; }
                public double learningRate() { return 0.1; }
                public long steps() { return steps; }
            }
            """;

    static final String OLD_SGD_PROVIDER = provider("com.example.old", "OldSgdProvider", "Optimizer", "old",
            "new OldSgd()");

    /** Squared error with its derivative in double, written against {@link #OLD_LOSS_API}. */
    static final String OLD_SQUARE = """
            package com.example.old;
            import dev.soma.plugins.*;
            public final class OldSquare implements Loss {
                public String name() { return "oldsquare"; }
                public double value(float s, float y) { return (s - y) * (s - y); }
                public double derivative(float s, float y) { return 2.0 * (s - y); }
            }
            """;

    static final String OLD_SQUARE_PROVIDER = provider("com.example.old", "OldSquareProvider", "Loss", "oldsquare",
            "new OldSquare()");

    /** Gradient descent that calls {@code VectorOps.fancy}, written against {@link #NEWER_VECTOR_OPS_API}. */
    static final String FANCY_SGD = """
            package com.example.fancy;
            import dev.soma.plugins.*;
            public final class FancySgd implements Optimizer {
                private long steps;
                private VectorOps ops;
                public String name() { return "fancy"; }
                public int batchSize() { return FULL_BATCH; }
                public void initialise(int parameterCount, VectorOps ops) { this.ops = ops; steps = 0; }
                public void step(float[] p, float[] g, StepContext context) { ops.fancy(g); steps++; }
                public void reset() { steps = 0; }
                public Optimizer copy() { return new FancySgd(); }
                public double learningRate() { return 0.1; }
                public long steps() { return steps; }
                public OptimizerState state() { return OptimizerState.ofSteps("fancy", steps); }
                public void restore(OptimizerState state) { steps = state.steps(); }
            }
            """;

    static final String FANCY_SGD_PROVIDER = provider("com.example.fancy", "FancySgdProvider", "Optimizer", "fancy",
            "new FancySgd()");

    /** A provider of {@code kind} ("Optimizer" or "Loss") named {@code name}, implementing the interface by hand. */
    static String provider(String pkg, String className, String kind, String name, String create) {
        return """
                package %s;
                import dev.soma.plugins.*;
                import java.util.List;
                public final class %s implements %sProvider {
                    public String name() { return "%s"; }
                    public String description() { return "a test plugin"; }
                    public List<Option<?>> options() { return List.of(); }
                    public %s create(Options options) { return %s; }
                }
                """.formatted(pkg, className, kind, name, kind, create);
    }

    /** An optimizer provider named {@code name} whose optimizer is never made (it returns null). */
    static String namedOnly(String pkg, String className, String name) {
        return provider(pkg, className, "Optimizer", name, "null");
    }
}
