package dev.soma.engine.table;

import dev.soma.engine.data.DataFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.ObjLongConsumer;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * One pass over a CSV file with a header row, through Apache Commons CSV: its dialect (delimiter given or sniffed,
 * charset, gzip) from {@link TextInput}, the header checked (no empty or repeated name), every row checked to have
 * the header's width, and each row handed on with its 1-based line. Every problem is a {@link DataFormatException}
 * naming the file and line.
 */
final class CsvSource implements Closeable {

    private final String name;
    private final CSVParser parser;
    private final List<String> header;

    private CsvSource(String name, CSVParser parser, List<String> header) {
        this.name = name;
        this.parser = parser;
        this.header = header;
    }

    /** Opens {@code file}; {@code delimiter} null to sniff it from the header line. */
    static CsvSource open(Path file, Character delimiter, Charset charset) throws IOException {
        String name = TextInput.name(file);
        char separator = delimiter != null ? delimiter : TextInput.sniffDelimiter(file, charset);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(separator).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(false)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).get();
        Reader reader = TextInput.open(file, charset);
        CSVParser parser;
        try {
            parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        } catch (IllegalArgumentException e) {
            reader.close();
            if (e instanceof DataFormatException d) {
                throw d;
            }
            throw new DataFormatException(name, 1, -1, "bad header: " + e.getMessage());
        } catch (UncheckedIOException | CSVException e) {
            reader.close();
            throw malformed(name, 1, e instanceof UncheckedIOException u ? u.getCause() : e);
        }
        List<String> header = List.copyOf(parser.getHeaderNames());
        if (header.isEmpty()) {
            parser.close();
            throw new DataFormatException(name, "the file is empty: it needs a header row and data rows");
        }
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c).isBlank()) {
                parser.close();
                throw new DataFormatException(name, 1, c + 1, "the header has an empty column name");
            }
        }
        return new CsvSource(name, parser, header);
    }

    String name() {
        return name;
    }

    List<String> header() {
        return header;
    }

    /**
     * Hands every data row's cells and line to {@code row}.
     *
     * @return the number of data rows
     */
    long forEachRow(ObjLongConsumer<String[]> row) {
        long line = 1;
        long rows = 0;
        try {
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                // getCurrentLineNumber counts the line breaks consumed, which after a record is the line it ended on.
                line = Math.max(parser.getCurrentLineNumber(), record.getRecordNumber() + 1);
                if (record.size() != header.size()) {
                    throw new DataFormatException(name, line, -1, "the row has " + record.size()
                            + " fields, but the header has " + header.size() + (record.size() == 1 && header.size() > 1
                            ? " (is the delimiter right? give it with --delimiter)" : ""));
                }
                row.accept(record.values(), line);
                rows++;
            }
        } catch (UncheckedIOException e) {
            throw malformed(name, line + 1, e.getCause());
        }
        return rows;
    }

    private static DataFormatException malformed(String name, long line, Throwable cause) {
        return new DataFormatException(name, line, -1, "malformed CSV: " + cause.getMessage());
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
