package dev.soma.engine.table;

import dev.soma.engine.data.DataFormatException;
import java.io.BufferedInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A data file opened as text, as people have them: gzip-compressed or not (told by its first two bytes, not its
 * name), in UTF-8 (a byte-order mark skipped) or a charset the user names. Bytes that are not text in that charset,
 * and NUL characters (which no text file holds), fail with a {@link DataFormatException} naming the file and the
 * line — never a decoder's bare "Input length = 1". Public for the engine's other readers (the LIBSVM reader).
 */
public final class TextInput {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /** The longest header line the delimiter is guessed from. */
    private static final int SNIFF_LIMIT = 1 << 20;

    private TextInput() {
    }

    /** The name a data file goes by in messages (its file name), after checking that it is a file. */
    public static String name(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such data file");
        }
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    /**
     * Opens {@code file} for reading as text in {@code charset}: gzip by its magic bytes, a byte-order mark skipped,
     * undecodable bytes and NUL characters a {@link DataFormatException} naming the file and line.
     */
    public static Reader open(Path file, Charset charset) throws IOException {
        String name = name(file);
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            in.mark(2);
            int first = in.read();
            int second = in.read();
            in.reset();
            if (first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2) {
                try {
                    in = new GZIPInputStream(in, 1 << 16);
                } catch (ZipException e) {
                    throw new DataFormatException(name, "starts like a gzip file but is not one (" + e.getMessage() + ")");
                }
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new CheckedReader(new StrictDecoder(in, decoder), name, charset);
    }

    /**
     * The delimiter of {@code file}'s header line: whichever of comma, semicolon and tab it holds most often outside
     * quotes (a comma when it holds none: a one-column file).
     */
    static char sniffDelimiter(Path file, Charset charset) throws IOException {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        try (Reader reader = open(file, charset)) {
            boolean quoted = false;
            for (int i = 0, c; i < SNIFF_LIMIT && (c = reader.read()) != -1; i++) {
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == '\n' || c == '\r')) {
                    break;
                } else if (!quoted) {
                    commas += c == ',' ? 1 : 0;
                    semicolons += c == ';' ? 1 : 0;
                    tabs += c == '\t' ? 1 : 0;
                }
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas && tabs > semicolons ? '\t' : ',';
    }

    /** Counts lines as it passes characters on, to say where bad bytes are; skips a leading byte-order mark. */
    private static final class CheckedReader extends FilterReader {
        private final String name;
        private final Charset charset;
        private long line = 1;
        private boolean started;

        CheckedReader(Reader in, String name, Charset charset) {
            super(in);
            this.name = name;
            this.charset = charset;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0];
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = in.read(buffer, offset, length);
                if (!started && n > 0) {
                    started = true;
                    if (buffer[offset] == BYTE_ORDER_MARK) {
                        System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
                        n--;
                        if (n == 0) {
                            return read(buffer, offset, length);
                        }
                    }
                }
            } catch (CharacterCodingException e) {
                throw new DataFormatException(name, line, -1, "is not " + charset.name() + " text: it holds bytes"
                        + " that are not characters in " + charset.name() + " (is it a binary file? if it is text in"
                        + " another encoding, name it with --encoding, for example ISO-8859-1)");
            } catch (ZipException | java.io.EOFException e) {
                throw new DataFormatException(name, line, -1, "is a damaged gzip file (" + e.getMessage() + ")");
            }
            for (int i = offset; i < offset + Math.max(n, 0); i++) {
                char c = buffer[i];
                if (c == '\n') {
                    line++;
                } else if (c == 0) {
                    throw new DataFormatException(name, line, -1, "holds a NUL byte: it is a binary file, not text");
                }
            }
            return n;
        }
    }

    /**
     * Decodes bytes strictly, as {@code InputStreamReader} with a reporting decoder would, except that the characters
     * before a malformed byte sequence are handed on first and the error comes at the next read: so the line counted
     * by {@link CheckedReader} is the bad bytes' line (an {@code InputStreamReader} throws for the whole chunk it
     * decodes, losing the characters before the error, and the line counted was the chunk's first).
     */
    private static final class StrictDecoder extends Reader {
        private final InputStream in;
        private final CharsetDecoder decoder;
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 13).flip();
        private boolean endOfInput;
        private boolean done;
        private CoderResult error;

        StrictDecoder(InputStream in, CharsetDecoder decoder) {
            this.in = in;
            this.decoder = decoder;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            CharBuffer out = CharBuffer.wrap(buffer, offset, length);
            while (!done) {
                if (error != null) {
                    if (out.position() > offset) {
                        break;
                    }
                    error.throwException();
                }
                CoderResult result = decoder.decode(bytes, out, endOfInput);
                if (result.isError()) {
                    error = result;
                } else if (result.isOverflow()) {
                    break;
                } else if (endOfInput) {
                    if (decoder.flush(out).isOverflow()) {
                        break;
                    }
                    done = true;
                } else if (out.position() > offset) {
                    break;
                } else {
                    bytes.compact();
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        endOfInput = true;
                    } else {
                        bytes.position(bytes.position() + n);
                    }
                    bytes.flip();
                }
            }
            int n = out.position() - offset;
            return n == 0 && done ? -1 : n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
