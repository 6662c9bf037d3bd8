package dev.soma.engine.plugins;

import dev.soma.plugins.PluginProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds providers with {@link ServiceLoader}. A provider that cannot be loaded, has a bad name, or repeats a
 * name already found is reported with a warning naming its class and jar, and skipped: the other plugins still
 * work.
 */
final class PluginDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(PluginDiscovery.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private PluginDiscovery() {
    }

    static <P extends PluginProvider<?>> Map<String, P> find(Class<P> type, ClassLoader loader) {
        Map<String, P> byName = new LinkedHashMap<>();
        var iterator = ServiceLoader.load(type, loader).iterator();
        while (true) {
            P provider;
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                provider = iterator.next();
            } catch (ServiceConfigurationError e) {
                LOG.warn("A {} could not be loaded and is skipped: {}", type.getSimpleName(), e.getMessage());
                continue;
            }
            String name;
            try {
                name = provider.name();
            } catch (RuntimeException e) {
                LOG.warn("{} from {} failed to say its name and is skipped: {}", provider.getClass().getName(),
                        origin(provider), e.toString());
                continue;
            }
            if (name == null || !NAME.matcher(name).matches()) {
                LOG.warn("{} from {} has the name '{}', which is not lower-case letters, digits and '-'; skipped",
                        provider.getClass().getName(), origin(provider), name);
                continue;
            }
            P earlier = byName.putIfAbsent(name, provider);
            if (earlier != null) {
                LOG.warn("Two plugins are named '{}': {} from {} is used, {} from {} is skipped", name,
                        earlier.getClass().getName(), origin(earlier), provider.getClass().getName(), origin(provider));
            }
        }
        return byName;
    }

    /** The jar or folder a provider's class came from. */
    static String origin(Object provider) {
        var source = provider.getClass().getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "an unknown location" : source.getLocation().toString();
    }
}
