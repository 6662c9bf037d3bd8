package dev.soma.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which version of {@code soma-plugins-api} is running, and which plugin builds it accepts.
 *
 * <p>A plugin jar records the version it was compiled against in its manifest, under
 * {@value #MANIFEST_ATTRIBUTE} (the build writes it: {@code maven-jar-plugin}'s {@code manifestEntries}). Soma
 * compares it with {@link #current()} when it discovers the plugin and skips a plugin built against an
 * incompatible version. The rule, on {@code major.minor} (the patch and any qualifier such as
 * {@code -SNAPSHOT} are ignored): while the major version is 0 every minor version may change the interfaces,
 * so the minor versions must be equal; from 1.0 on the major versions must be equal and the plugin's minor
 * version must be at most the running one (minor versions only add).
 */
public final class PluginsApiVersion {

    /** The manifest attribute a plugin jar records its {@code soma-plugins-api} version under. */
    public static final String MANIFEST_ATTRIBUTE = "Soma-Plugins-Api-Version";

    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)(?:[.-].*)?");
    private static final String CURRENT = read();

    private PluginsApiVersion() {
    }

    /**
     * The running {@code soma-plugins-api} version, such as {@code 0.1.0}; {@code "unknown"} when the classes
     * were not built by Maven (an IDE's own compiler does not write the version resource).
     *
     * @return the version
     */
    public static String current() {
        return CURRENT;
    }

    /**
     * Whether a plugin built against {@code builtAgainst} can run on {@code running}, by the rule above. An
     * unparsable version on either side is accepted: the check cannot tell, and the engine still reports
     * incompatible plugin code when it is called.
     *
     * @param builtAgainst the version in the plugin's manifest
     * @param running      the running version, {@link #current()}
     * @return true when the plugin may be loaded
     */
    public static boolean compatible(String builtAgainst, String running) {
        Matcher plugin = MAJOR_MINOR.matcher(builtAgainst.trim());
        Matcher api = MAJOR_MINOR.matcher(running.trim());
        if (!plugin.matches() || !api.matches()) {
            return true;
        }
        int pluginMajor = Integer.parseInt(plugin.group(1));
        int pluginMinor = Integer.parseInt(plugin.group(2));
        int apiMajor = Integer.parseInt(api.group(1));
        int apiMinor = Integer.parseInt(api.group(2));
        if (pluginMajor != apiMajor) {
            return false;
        }
        return apiMajor == 0 ? pluginMinor == apiMinor : pluginMinor <= apiMinor;
    }

    private static String read() {
        try (InputStream in = PluginsApiVersion.class.getResourceAsStream("plugins-api.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").trim();
            return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
