package dev.soma.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.TestExecutionResult;

/** Runs a conformance-kit subclass on the JUnit platform and tells which of its tests failed. */
final class KitRunner {

    private KitRunner() {
    }

    /** The names of the failed test methods, and how many tests ran. */
    record Outcome(Set<String> failed, int run, java.util.Map<String, String> messages) {
    }

    static Outcome run(Class<?> kitSubclass) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(List.of(selectClass(kitSubclass))).build();
        Launcher launcher = LauncherFactory.create();
        Set<String> failed = new TreeSet<>();
        java.util.Map<String, String> messages = new java.util.TreeMap<>();
        int[] run = {0};
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    return;
                }
                run[0]++;
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    String name = id.getDisplayName().replace("()", "");
                    failed.add(name);
                    result.getThrowable().ifPresent(e -> messages.put(name, String.valueOf(e.getMessage())));
                }
            }
        });
        return new Outcome(failed, run[0], messages);
    }
}
