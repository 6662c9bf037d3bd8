package dev.soma.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The compatibility rule between the API a plugin was built against and the running one; Loss.task()'s default. */
class PluginsApiVersionTest {

    @Test
    void theBuildWritesTheVersion() {
        assertTrue(PluginsApiVersion.current().matches("\\d+\\.\\d+\\.\\d+.*"), PluginsApiVersion.current());
    }

    @Test
    void beforeOneTheMinorVersionsMustBeEqual() {
        assertTrue(PluginsApiVersion.compatible("0.1.0", "0.1.0-SNAPSHOT"));
        assertTrue(PluginsApiVersion.compatible("0.1.7-SNAPSHOT", "0.1.2"));
        assertFalse(PluginsApiVersion.compatible("0.0.3", "0.1.0"));
        assertFalse(PluginsApiVersion.compatible("0.2.0", "0.1.0"));
    }

    @Test
    void fromOneTheMajorsMustBeEqualAndThePluginNotNewer() {
        assertTrue(PluginsApiVersion.compatible("1.2.0", "1.3.1"));
        assertTrue(PluginsApiVersion.compatible("1.3", "1.3.0"));
        assertFalse(PluginsApiVersion.compatible("1.4.0", "1.3.0"));
        assertFalse(PluginsApiVersion.compatible("2.0.0", "1.9.0"));
        assertFalse(PluginsApiVersion.compatible("1.0.0", "2.0.0"));
    }

    @Test
    void anUnreadableVersionIsNotHeldAgainstThePlugin() {
        assertTrue(PluginsApiVersion.compatible("latest", "0.1.0"));
        assertTrue(PluginsApiVersion.compatible("0.1.0", "unknown"));
    }

    @Test
    void aLossThatDoesNotSayItsTaskIsAClassifiersWhenItTakesOnlyDiscreteLabels() {
        Loss anyLabel = new Loss() {
            @Override
            public String name() {
                return "any";
            }

            @Override
            public double value(float score, float label) {
                return 0;
            }

            @Override
            public float derivative(float score, float label) {
                return 0;
            }
        };
        assertEquals(Loss.Task.ANY, anyLabel.task());
        Loss zeroOrOne = new Loss() {
            @Override
            public String name() {
                return "binary";
            }

            @Override
            public double value(float score, float label) {
                return 0;
            }

            @Override
            public float derivative(float score, float label) {
                return 0;
            }

            @Override
            public boolean acceptsLabel(float label) {
                return label == 0 || label == 1;
            }
        };
        assertEquals(Loss.Task.CLASSIFICATION, zeroOrOne.task());
    }
}
