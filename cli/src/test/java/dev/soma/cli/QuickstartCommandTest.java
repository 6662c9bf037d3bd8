package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.kernels.KernelSelection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class QuickstartCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SomaCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static double number(String output, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + ": ([0-9.]+)$").matcher(output);
        assertTrue(m.find(), "no '" + label + ": <number>' line in:\n" + output);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void quickstartReachesTheReferenceAccuracyAndReportsKernelsAndTime() {
        Run run = run("quickstart");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(number(run.out(), "test accuracy") >= 0.95, run.out());
        assertTrue(number(run.out(), "test log loss") < 0.05, run.out());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(lines.size() - 4).startsWith("test accuracy: "), run.out());
        assertTrue(lines.get(lines.size() - 3).startsWith("test log loss: "), run.out());
        assertEquals("kernels: " + KernelSelection.active().description(), lines.get(lines.size() - 2));
        assertTrue(lines.getLast().matches("time: [0-9.]+ s \\(training [0-9.]+ s\\)"), lines.getLast());
        assertTrue(run.out().contains("epoch     1/5000"), run.out());
        assertTrue(run.out().contains("stopped after"), run.out());
    }

    @Test
    void everyOptimizerCanBeChosen() {
        Run run = run("quickstart", "--optimizer", "minibatch", "--learning-rate", "0.1", "--epochs", "50");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(number(run.out(), "test accuracy") >= 0.95, run.out());
    }

    @Test
    void anUnknownOptimizerIsAClearErrorNotAStackTrace() {
        Run run = run("quickstart", "--optimizer", "adamax");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("there is no optimizer named 'adamax'; the available optimizers are adagrad, adam, adamw, batch, lbfgs, minibatch, momentum, nesterov, newton, rmsprop, sgd"),
                run.err());
    }

    @Test
    void aBadNumberIsAUsageError() {
        Run run = run("quickstart", "--learning-rate", "fast");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--learning-rate"), run.err());
    }
}
