package dev.soma.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code soma} command line. Run it with the Vector API module:
 * {@code java --add-modules jdk.incubator.vector -jar cli/target/soma.jar quickstart}.
 */
@Command(name = "soma",
        mixinStandardHelpOptions = true,
        versionProvider = SomaCommand.Version.class,
        description = "Trains neurons on SIMD lanes.",
        subcommands = {TrainCommand.class, CvCommand.class, TuneCommand.class, PredictCommand.class, EvaluateCommand.class, InspectCommand.class, ExportCommand.class, PluginsCommand.class,
            QuickstartCommand.class, DigitsCommand.class, XorCommand.class})
public final class SomaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--json")) {
            // stdout must hold the one JSON object: Soma's few log lines (the scalar-kernel warning) go to stderr.
            // Read when SLF4J's simple logger starts, which is after this, at the first log line.
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    static CommandLine commandLine() {
        return new CommandLine(new SomaCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(SomaCommand::report);
    }

    /** Print stack traces with errors; accepted by every command. */
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "print the stack trace of an error, not just its message")
    boolean verbose;

    /**
     * Errors a user can fix (bad data, an unknown plugin, a bad option, divergence, a missing file) are one line
     * on stderr that says what and where; anything else is a bug and keeps its stack trace.
     */
    private static int report(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (isVerbose(parsed)) {
            e.printStackTrace(cli.getErr());
        } else if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof java.io.IOException) {
            cli.getErr().println("soma " + cli.getCommandName() + ": " + describe(e));
        } else {
            e.printStackTrace(cli.getErr());
        }
        cli.getErr().flush();
        return 1;
    }

    private static boolean isVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        if (e instanceof dev.soma.engine.plugins.UnknownPluginException unknown) {
            return unknown.getMessage() + " Plugin jars outside Soma are loaded from a folder given with --plugin-dir DIR"
                    + " ('soma plugins --plugin-dir DIR' lists what it finds).";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SomaCommand.class.getPackage().getImplementationVersion();
            return new String[] {"soma " + (version == null ? "(development build)" : version)
                    + " on Java " + Runtime.version()};
        }
    }
}
