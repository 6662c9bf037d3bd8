package dev.soma.cli;

import dev.soma.engine.table.TableSpec;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How a CSV file is written — its delimiter and character encoding — for every command that reads one. */
final class DialectOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "the field delimiter: ',' ';' 'tab' (or '\\t') or another single character (default: detected"
                    + " from the header line among comma, semicolon and tab)")
    String delimiter;

    @Option(names = "--encoding", paramLabel = "CHARSET",
            description = "the file's character encoding, such as ISO-8859-1 or windows-1252 (default: UTF-8, with or"
                    + " without a byte-order mark); .gz files are read through gzip whatever their encoding")
    String encoding;

    /** A table spec builder with this dialect set. */
    TableSpec.Builder builder() {
        TableSpec.Builder b = TableSpec.builder();
        if (delimiter != null) {
            b.delimiter(delimiterChar());
        }
        if (encoding != null) {
            b.charset(charset());
        }
        return b;
    }

    /** True when an option of the dialect was given. */
    boolean given() {
        return delimiter != null || encoding != null;
    }

    private char delimiterChar() {
        String d = delimiter;
        if (d.equalsIgnoreCase("tab") || d.equals("\\t")) {
            return '\t';
        }
        if (d.length() != 1 || d.equals("\"")) {
            throw usage("--delimiter takes one character (',' ';' '|'), or 'tab', but was '" + d + "'");
        }
        return d.charAt(0);
    }

    private Charset charset() {
        try {
            return Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw usage("--encoding '" + encoding + "' is not a character encoding this Java knows (for example UTF-8,"
                    + " ISO-8859-1, windows-1252, UTF-16)");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
