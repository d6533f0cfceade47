package org.qtastudio.app;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One line of messages that never piles up: the latest message replaces the one before it, except that an error
 * stays until the user dismisses it (or a newer error replaces it), so a failure is not lost under a routine note.
 */
public final class StatusLine {

    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper error = new ReadOnlyBooleanWrapper();

    /** Shows a routine message, replacing the last one; an error on screen stays. */
    public void info(String message) {
        if (!error.get()) {
            text.set(message == null ? "" : message);
        }
    }

    /** Shows an error, replacing whatever was shown; it stays until {@link #dismiss()}. */
    public void error(String message) {
        text.set(message == null ? "" : message);
        error.set(true);
    }

    /** Clears the line (the ✕ beside an error). */
    public void dismiss() {
        error.set(false);
        text.set("");
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** True while an error is shown. */
    public ReadOnlyBooleanProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
