package dev.soma.engine.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.soma.plugins.Optimizer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars inside a test, as a third party would: sources compiled with the JDK's compiler against
 * soma-plugins-api — or against hand-written older (or newer) versions of its interfaces, given as sources in
 * {@code dev.soma.plugins}, which are compiled but left out of the jar — with a services file and, when asked, the
 * manifest entry that records the API version.
 */
final class PluginJars {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, List<String>> services = new LinkedHashMap<>();
    private String apiVersion;

    /** Adds a source; its class name is read from its package and first public type. */
    PluginJars source(String code) {
        String pkg = code.replaceAll("(?s)^\\s*package\\s+([\\w.]+);.*", "$1");
        String type = code.replaceAll("(?s).*?public\\s+(?:final\\s+|abstract\\s+)*(?:class|interface|record)\\s+(\\w+).*", "$1");
        sources.put(pkg + "." + type, code);
        return this;
    }

    /** Lists {@code provider} in the services file of {@code api} (dev.soma.plugins.OptimizerProvider, say). */
    PluginJars service(String api, String provider) {
        services.computeIfAbsent(api, k -> new ArrayList<>()).add(provider);
        return this;
    }

    /** Writes the {@code Soma-Plugins-Api-Version} manifest entry. */
    PluginJars builtAgainst(String version) {
        this.apiVersion = version;
        return this;
    }

    /** Compiles and packages into {@code jar}, in a scratch folder {@code work}. */
    Path writeTo(Path jar, Path work) throws IOException {
        Path src = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", apiLocation(),
                "-proc:none", "-encoding", "UTF-8", "-nowarn"));
        for (var e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new));
        assertEquals(0, status, () -> "the test plugin's sources compile: " + errors.toString(StandardCharsets.UTF_8));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (apiVersion != null) {
            manifest.getMainAttributes().putValue("Soma-Plugins-Api-Version", apiVersion);
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             var walk = Files.walk(classes)) {
            for (Path c : walk.filter(Files::isRegularFile).sorted().toList()) {
                String entry = classes.relativize(c).toString().replace('\\', '/');
                if (entry.startsWith("dev/soma/plugins/")) {
                    continue; // the hand-written API version: only compiled against, as a real plugin jar would be
                }
                out.putNextEntry(new JarEntry(entry));
                out.write(Files.readAllBytes(c));
                out.closeEntry();
            }
            for (var e : services.entrySet()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + e.getKey()));
                out.write(String.join("\n", e.getValue()).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Where soma-plugins-api's classes are (a jar or target/classes). */
    private static String apiLocation() {
        try {
            return Path.of(Optimizer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
