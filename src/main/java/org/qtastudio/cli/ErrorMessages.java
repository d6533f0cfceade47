package org.qtastudio.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qtastudio.catalog.importers.ImportException;
import org.qtastudio.lm.chat.ChatTemplateException;
import org.qtastudio.lm.engine.CudaErrors;
import org.qtastudio.lm.model.ModelConfigException;
import org.qtastudio.lm.safetensors.SafetensorsException;
import org.qtastudio.lm.store.ChecksumMismatchException;
import org.qtastudio.store.WorkspaceException;

/**
 * The single place where the command line turns a failure into the one line a user reads: what went wrong, naming
 * the file or field, and what to do. Commands (and the libraries below them) throw ordinary exceptions with clear
 * messages; this class decides how they are shown. No stack trace is printed unless {@code --debug} is given.
 */
public final class ErrorMessages {

    private static final Pattern URL = Pattern.compile("(https?://[^\\s/:]+(?::\\d+)?)");

    private ErrorMessages() {
    }

    /** The one-line message for {@code error}, without the {@code error: } prefix. */
    public static String line(Throwable error) {
        String cudaOutOfMemory = CudaErrors.outOfMemory(error);
        if (cudaOutOfMemory != null) {
            return cudaOutOfMemory;
        }
        // an import names its source itself (a live MCP server that refuses the connection is no hub)
        boolean named = error instanceof ImportException;
        Throwable offline = find(error, ConnectException.class, UnknownHostException.class, NoRouteToHostException.class,
                HttpConnectTimeoutException.class, UnresolvedAddressException.class);
        if (offline != null && !named) {
            return "cannot reach " + host(error) + ": offline? use --endpoint or a local model folder";
        }
        if (find(error, HttpTimeoutException.class) != null && !named) {
            return "the hub at " + host(error) + " stopped answering (timed out); the partial download is kept and "
                    + "the same command resumes it";
        }
        if (find(error, OutOfMemoryError.class) != null) {
            return "out of memory: choose a smaller model, fewer samples or a smaller batch, or give Java more memory (-Xmx)";
        }
        Throwable fs = find(error, FileSystemException.class);
        if (fs instanceof FileSystemException f && !named) {
            String file = f.getFile();
            String reason = f.getReason();
            if (reason != null && reason.toLowerCase(Locale.ROOT).contains("no space left")) {
                return "cannot write " + file + ": No space left on device";
            }
            if (f instanceof NoSuchFileException && !hasOwnMessage(error, f)) {
                return "no such file or folder: " + file;
            }
            if (f instanceof AccessDeniedException && !hasOwnMessage(error, f)) {
                return "permission denied: " + file;
            }
            if (f instanceof FileAlreadyExistsException && !hasOwnMessage(error, f)) {
                return file + " already exists";
            }
            if (f instanceof NotDirectoryException && !hasOwnMessage(error, f)) {
                return file + " is not a folder";
            }
        }
        String message = clean(messageOf(error));
        if (error instanceof NumberFormatException) {
            return "not a number: " + message;
        }
        return message;
    }

    /** Whether the failure is one the user can act on (bad input, files, network, models) rather than a bug. */
    public static boolean expected(Throwable error) {
        return error instanceof ImportException || error instanceof WorkspaceException
                || error instanceof IllegalArgumentException || error instanceof IllegalStateException
                || error instanceof IOException || error instanceof UncheckedIOException
                || error instanceof ModelConfigException || error instanceof SafetensorsException
                || error instanceof ChatTemplateException || error instanceof ChecksumMismatchException
                || error instanceof UnsupportedOperationException || error instanceof OutOfMemoryError
                || CudaErrors.outOfMemory(error) != null
                || find(error, ConnectException.class, UnknownHostException.class, HttpTimeoutException.class,
                        FileSystemException.class) != null;
    }

    /** Makes text safe for one terminal line: no control characters, no line breaks. */
    static String clean(String s) {
        return TerminalText.clean(s).replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String messageOf(Throwable error) {
        String m = error.getMessage();
        if (error instanceof UncheckedIOException && error.getCause() != null && (m == null || m.equals(error.getCause().toString()))) {
            m = error.getCause().getMessage();
        }
        if (m == null || m.isBlank()) {
            Throwable cause = error.getCause();
            while (cause != null && (cause.getMessage() == null || cause.getMessage().isBlank())) {
                cause = cause.getCause();
            }
            m = cause == null ? "a " + error.getClass().getSimpleName() : cause.getMessage();
        }
        return m;
    }

    private static boolean hasOwnMessage(Throwable outer, Throwable inner) {
        for (Throwable t = outer; t != null && t != inner; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && !m.equals(String.valueOf(inner)) && !m.equals(inner.getMessage())
                    && !m.startsWith(inner.getClass().getName())) {
                return true;
            }
        }
        return false;
    }

    private static String host(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = URL.matcher(t.getMessage());
                if (m.find()) {
                    try {
                        return URI.create(m.group(1)).getAuthority();
                    } catch (IllegalArgumentException ignored) {
                        return m.group(1);
                    }
                }
            }
        }
        return "the hub";
    }

    @SafeVarargs
    private static Throwable find(Throwable error, Class<? extends Throwable>... types) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 32; t = t.getCause(), depth++) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }
}
