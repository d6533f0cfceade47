package org.qtastudio.lm.engine;

import java.io.IOException;

/** A downloaded engine file does not match what the publishing site says about it; nothing was installed. */
public final class EngineVerificationException extends IOException {

    public EngineVerificationException(String message) {
        super(message);
    }
}
