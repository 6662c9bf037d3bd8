package dev.soma.cli;

import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.plugins.Option;
import dev.soma.plugins.PluginProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists every optimizer and loss with its options, their defaults, and the jar it came from. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "Lists the optimizers and losses Soma finds, with their options, defaults and jars.")
final class PluginsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (PluginRegistry registry = plugins.registry()) {
            print(out, "optimizers", registry.optimizerProviders());
            print(out, "losses", registry.lossProviders());
            if (!registry.problems().isEmpty()) {
                out.println("problems (these plugins were skipped)");
                registry.problems().forEach(p -> out.println("  " + p));
            }
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, String title, Map<String, ? extends PluginProvider<?>> providers) {
        out.println(title);
        providers.forEach((name, provider) -> {
            out.printf(Locale.ROOT, "  %-10s %s%n", name, provider.description());
            out.printf(Locale.ROOT, "  %-10s from %s%n", "", PluginRegistry.origin(provider));
            for (Option<?> option : provider.options()) {
                out.printf(Locale.ROOT, "  %-10s   %-13s %-8s default %-8s (%s) %s%n", "", option.name(),
                        option.type().getSimpleName(), option.defaultValue(), option.requirement(), option.description());
            }
        });
    }
}
