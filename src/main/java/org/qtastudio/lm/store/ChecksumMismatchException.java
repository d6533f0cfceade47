package org.qtastudio.lm.store;

import java.io.IOException;

/** A downloaded file whose SHA-256 or size differs from what the hub announced; it was deleted, not kept. */
public class ChecksumMismatchException extends IOException {

    public ChecksumMismatchException(String message) {
        super(message);
    }
}
