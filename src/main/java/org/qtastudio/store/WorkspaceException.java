package org.qtastudio.store;

/** A workspace could not be opened, read or written; the message says which file and why. */
public class WorkspaceException extends RuntimeException {

    public WorkspaceException(String message) {
        super(message);
    }

    public WorkspaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
