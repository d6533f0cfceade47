package org.qtastudio.app;

import java.util.function.Function;
import javafx.util.StringConverter;

/** How choice boxes show values: a label function, and no parsing (nothing is typed into them). */
public final class Labels {

    private Labels() {
    }

    public static <T> StringConverter<T> of(Function<T, String> text) {
        return of(text, "");
    }

    /** Labels with {@code none} for the null choice ("let the format decide"). */
    public static <T> StringConverter<T> of(Function<T, String> text, String none) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? none : text.apply(value);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("choice boxes do not parse text");
            }
        };
    }
}
