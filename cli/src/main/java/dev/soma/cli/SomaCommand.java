package dev.soma.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code soma} command line. Run it with the Vector API module:
 * {@code java --add-modules jdk.incubator.vector -jar cli/target/soma.jar quickstart}.
 */
@Command(name = "soma",
        mixinStandardHelpOptions = true,
        versionProvider = SomaCommand.Version.class,
        description = "Trains neurons on SIMD lanes.")
public final class SomaCommand implements Runnable {

    /**
     * The subcommands, in the order {@code --help} lists them, each made only when it is needed. picocli builds a
     * command's model by reflecting over every option of every subcommand it is given, and its classes (compiled
     * for Java 5) run interpreted and cannot go into the ahead-of-time cache: a run that builds all eleven commands
     * spends about 90 ms more before it starts than one that builds only the command it runs (measured: 221
     * against 129 ms to build the command line in a fresh JVM). So a run that names
     * its command gets only that one; {@code soma}, {@code soma --help} or a misspelt command get them all.
     * The names must be the commands' {@code @Command} names (CommandNamesTest checks them).
     */
    static final List<String> COMMANDS = List.of("train", "cv", "tune", "predict", "evaluate", "inspect", "export",
            "plugins", "quickstart", "digits", "xor");

    /** A new instance of the command of this name, or null if there is none (a switch: no lambda to spin). */
    static Object command(String name) {
        return switch (name) {
            case "train" -> new TrainCommand();
            case "cv" -> new CvCommand();
            case "tune" -> new TuneCommand();
            case "predict" -> new PredictCommand();
            case "evaluate" -> new EvaluateCommand();
            case "inspect" -> new InspectCommand();
            case "export" -> new ExportCommand();
            case "plugins" -> new PluginsCommand();
            case "quickstart" -> new QuickstartCommand();
            case "digits" -> new DigitsCommand();
            case "xor" -> new XorCommand();
            default -> null;
        };
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--json")) {
            // stdout must hold the one JSON object: Soma's few log lines (the scalar-kernel warning) go to stderr.
            // Read when SLF4J's simple logger starts, which is after this, at the first log line.
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        }
        System.exit(commandLine(args).execute(args));
    }

    /** The configured command line with every subcommand, shared by {@link #main} and the tests. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The configured command line for these arguments: with only the subcommand they name (the first argument that
     * is not an option), or with all of them when they name none that exists.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new SomaCommand());
        String named = null;
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                named = arg;
                break;
            }
        }
        Object only = named == null ? null : command(named);
        if (only != null) {
            cli.addSubcommand(named, only);
        } else {
            for (String name : COMMANDS) {
                cli.addSubcommand(name, command(name));
            }
        }
        // Set after the subcommands are added: picocli passes these settings on to the subcommands it has.
        return cli.setCaseInsensitiveEnumValuesAllowed(true)
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
