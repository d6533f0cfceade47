package org.qtastudio.catalog.importers;

import java.nio.file.Path;

/**
 * Bad input, located: the message names the file (or, for a source that is not a file, such as a live MCP server,
 * that source) and, where known, the line and column, then says what is wrong and what to fix.
 */
public class ImportException extends RuntimeException {

    private final Path file;
    private final long line;
    private final long column;
    private final String problem;

    public ImportException(Path file, long line, long column, String problem) {
        this(file, line, column, problem, null);
    }

    public ImportException(Path file, long line, long column, String problem, Throwable cause) {
        super(locate(file == null ? null : file.toString(), line, column) + problem, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** An error about the whole file (no line). */
    public ImportException(Path file, String problem) {
        this(file, -1, -1, problem, null);
    }

    /** An error about a source that is not a file, named by {@code source} (e.g. a live MCP server's command line). */
    public ImportException(String source, String problem, Throwable cause) {
        super(locate(source, -1, -1) + problem, cause);
        this.file = null;
        this.line = -1;
        this.column = -1;
        this.problem = problem;
    }

    private static String locate(String source, long line, long column) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source);
        }
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.isEmpty() ? "" : sb.append(": ").toString();
    }

    /** The file, or null when the source is not a file. */
    public Path file() {
        return file;
    }

    /** 1-based line, or -1 when the problem concerns the whole file. */
    public long line() {
        return line;
    }

    /** What is wrong, without the location prefix (so a reader can re-locate it at the element it was reading). */
    public String problem() {
        return problem;
    }

    /** 1-based column, or -1 when unknown. */
    public long column() {
        return column;
    }
}
