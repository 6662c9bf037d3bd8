package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The xor and digits examples run from the command line and reach their accuracies. */
class NetworkCommandsTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SomaCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertEquals(0, cli.execute(args), err.toString());
        return out.toString();
    }

    @Test
    void xorIsSolvedByTheHiddenLayerOnly() {
        String out = run("xor");
        assertTrue(out.contains("accuracy: linear 0.50, mlp 1.00") || out.contains("accuracy: linear 0.75, mlp 1.00"), out);
    }

    @Test
    void digitsReachTheirAccuracies() {
        String out = run("digits", "--epochs", "40");
        Matcher softmax = Pattern.compile("softmax regression \\(lbfgs\\): test accuracy ([0-9.]+)").matcher(out);
        Matcher mlp = Pattern.compile("MLP .* \\(adam\\): test accuracy ([0-9.]+)").matcher(out);
        assertTrue(softmax.find() && mlp.find(), out);
        assertTrue(Double.parseDouble(softmax.group(1)) >= 0.94, out);
        assertTrue(Double.parseDouble(mlp.group(1)) >= 0.96, out);
    }

    /** The command list shows each command's whole first sentence: a description is one string, not cut lines. */
    @Test
    void theHelpListsEveryCommandWithAWholeSentence() {
        String help = run("--help");
        // An entry is a line "  name  text", continued by lines indented further.
        java.util.Map<String, String> entries = new java.util.LinkedHashMap<>();
        String current = null;
        for (String line : help.substring(help.indexOf("Commands:")).lines().skip(1).toList()) {
            if (line.matches("  \\S.*")) {
                current = line.strip().split("\\s+", 2)[0];
                entries.put(current, line.strip().substring(current.length()).strip());
            } else if (current != null) {
                entries.put(current, entries.get(current) + " " + line.strip());
            }
        }
        for (String command : new String[] {"train", "predict", "evaluate", "plugins", "quickstart", "xor", "digits"}) {
            String entry = entries.get(command);
            assertTrue(entry != null, command + " is listed:\n" + help);
            assertTrue(entry.endsWith(".") || entry.endsWith(")"), command + "'s description is cut: " + entry);
        }
    }
}
