package org.qtastudio.common;

/** Thrown out of long work when its {@link Progress} reports a cancel; callers roll back or mark the run. */
public final class CancelledException extends RuntimeException {

    public CancelledException() {
        super("cancelled by the user");
    }
}
