package org.qtastudio.lm.model;

/** A {@code config.json} this engine cannot run; the message names the file and field. */
public class ModelConfigException extends RuntimeException {

    public ModelConfigException(String message) {
        super(message);
    }
}
