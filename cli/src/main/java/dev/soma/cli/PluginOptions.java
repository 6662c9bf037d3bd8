package dev.soma.cli;

import dev.soma.engine.plugins.PluginRegistry;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --plugin-dir} option, shared by the commands that use plugins. */
final class PluginOptions {

    @Option(names = "--plugin-dir", paramLabel = "DIR",
            description = "a folder of plugin jars to load besides the built-in plugins (no rebuild of Soma needed)")
    Path pluginDir;

    /**
     * The plugins on the class path ({@link PluginRegistry#shared()}: discovered once per process, however many
     * times a command asks), plus those in {@code --plugin-dir} when given (discovered afresh).
     */
    PluginRegistry registry() throws IOException {
        return pluginDir == null ? PluginRegistry.shared() : PluginRegistry.discover(pluginDir);
    }
}
