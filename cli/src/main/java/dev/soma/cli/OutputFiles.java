package dev.soma.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Output files checked before any work starts: a training run, a cross-validation or a search should not run for
 * minutes and then fail on an output path that could never be written.
 */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Refuses (as a usage error, exit 2) an output path that is a folder, or whose folder cannot be created or
     * written.
     *
     * @param option the option that named the file, for the message ({@code --out})
     */
    static void requireWritable(CommandLine cli, Path file, String option) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new CommandLine.ParameterException(cli, option + " " + file + " is a folder; give the name of a"
                    + " file (in it, or elsewhere)");
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new CommandLine.ParameterException(cli, option + " " + file + ": " + existing
                    + " is a file, so the folder " + folder + " cannot be made");
        }
        if (!Files.isWritable(existing)) {
            throw new CommandLine.ParameterException(cli, option + " " + file + ": the folder " + existing
                    + " is not writable");
        }
    }
}
