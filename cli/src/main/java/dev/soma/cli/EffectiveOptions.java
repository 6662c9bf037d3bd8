package dev.soma.cli;

import dev.soma.plugins.Option;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options a plugin ran with: every declared option with its default, replaced by the values given. */
final class EffectiveOptions {

    private EffectiveOptions() {
    }

    /**
     * Every option in {@code declared}, in its order, with the checked value from {@code given} or its default;
     * then any given name the plugin does not declare, as given.
     */
    static Map<String, Object> of(List<Option<?>> declared, Map<String, ?> given) {
        Map<String, Object> effective = new LinkedHashMap<>();
        for (Option<?> option : declared) {
            Object raw = given.get(option.name());
            effective.put(option.name(), raw == null ? option.defaultValue() : option.convert(raw));
        }
        given.forEach(effective::putIfAbsent);
        return effective;
    }
}
