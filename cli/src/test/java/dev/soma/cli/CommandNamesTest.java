package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line builds only the command a run names, and that changes nothing a user sees. */
class CommandNamesTest {

    @Test
    void everyNameMakesTheCommandOfThatName() {
        for (String name : SomaCommand.COMMANDS) {
            Object command = SomaCommand.command(name);
            assertNotNull(command, name);
            assertEquals(name, command.getClass().getAnnotation(CommandLine.Command.class).name(),
                    "the command made for '" + name + "'");
        }
    }

    @Test
    void aRunThatNamesACommandBuildsThatCommandAlone() {
        for (String name : SomaCommand.COMMANDS) {
            CommandLine cli = SomaCommand.commandLine(new String[] {name, "--help"});
            assertEquals(List.of(name), List.copyOf(cli.getSubcommands().keySet()));
        }
        // Options before the command do not hide it.
        assertEquals(List.of("train"), List.copyOf(
                SomaCommand.commandLine(new String[] {"--verbose", "train", "--data", "x.csv"})
                        .getSubcommands().keySet()));
    }

    @Test
    void aRunThatNamesNoCommandOrAWrongOneGetsThemAll() {
        for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"trian", "--data", "x.csv"}}) {
            CommandLine cli = SomaCommand.commandLine(args);
            assertEquals(SomaCommand.COMMANDS, List.copyOf(cli.getSubcommands().keySet()), String.join(" ", args));
        }
        String usage = SomaCommand.commandLine().getUsageMessage();
        for (String name : SomaCommand.COMMANDS) {
            assertTrue(usage.contains("  " + name + " "), name + " in the usage:\n" + usage);
        }
    }

    @Test
    void aCommandBuiltAloneHasTheSettingsAndInheritedOptionsOfTheFullCommandLine() {
        CommandLine alone = SomaCommand.commandLine(new String[] {"train"}).getSubcommands().get("train");
        CommandLine inFull = SomaCommand.commandLine().getSubcommands().get("train");
        assertTrue(alone.getCommandSpec().optionsMap().containsKey("--verbose"), "--verbose is inherited");
        assertEquals(inFull.getCommandSpec().optionsMap().keySet(), alone.getCommandSpec().optionsMap().keySet());
        assertTrue(alone.isCaseInsensitiveEnumValuesAllowed());
        assertEquals(inFull.getExecutionExceptionHandler().getClass(), alone.getExecutionExceptionHandler().getClass());
        assertEquals(inFull.getUsageMessage(), alone.getUsageMessage());
    }
}
