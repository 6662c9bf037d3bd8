package dev.soma.engine.data;

/**
 * Input data that Soma cannot use, with where it is: the source (a file name, or "rows" for arrays), the line
 * and column when known. The message says what was wrong, where, and what would be right.
 */
public final class DataFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final int column;

    public DataFormatException(String source, long line, int column, String problem) {
        super(where(source, line, column) + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    public DataFormatException(String source, String problem) {
        this(source, -1, -1, problem);
    }

    /** The file or array the problem is in. */
    public String source() {
        return source;
    }

    /** The 1-based line of the file, or -1 when not about one line. */
    public long line() {
        return line;
    }

    /** The 1-based column, or -1 when not about one column. */
    public int column() {
        return column;
    }

    private static String where(String source, long line, int column) {
        StringBuilder s = new StringBuilder(source);
        if (line > 0) {
            s.append(" line ").append(line);
        }
        if (column > 0) {
            s.append(line > 0 ? ", column " : " column ").append(column);
        }
        return s.toString();
    }
}
