package org.qtastudio.lm.safetensors;

/** A weights file or folder that cannot be used; the message names the file and says what is wrong. */
public class SafetensorsException extends RuntimeException {

    public SafetensorsException(String message) {
        super(message);
    }

    public SafetensorsException(String message, Throwable cause) {
        super(message, cause);
    }
}
