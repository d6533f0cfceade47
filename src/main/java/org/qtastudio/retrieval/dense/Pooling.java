package org.qtastudio.retrieval.dense;

import java.util.Locale;

/** How token vectors become one text vector: the masked mean (sentence-transformers' default) or the first ([CLS]) token. */
public enum Pooling {
    MEAN, CLS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Pooling parse(String id) {
        for (Pooling p : values()) {
            if (p.id().equalsIgnoreCase(id.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pooling '" + id + "' (expected mean or cls)");
    }
}
