package org.qtastudio.lm.chat;

/** A chat template that failed to render, or called {@code raise_exception}; the message says which. */
public class ChatTemplateException extends RuntimeException {

    public ChatTemplateException(String message) {
        super(message);
    }
}
