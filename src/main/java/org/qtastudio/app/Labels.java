package org.qtastudio.app;

import java.util.function.Function;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.util.StringConverter;

/**
 * Label helpers the screens share: how choice boxes show values (a label function, and no parsing: nothing is
 * typed into them), and labels whose underlined letter moves the focus to a control.
 */
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

    /** Makes {@code label}'s underscored letter (e.g. {@code "C_atalog"}) an Alt shortcut that focuses {@code target}. */
    public static void mnemonic(Label label, Control target) {
        label.setMnemonicParsing(true);
        label.setLabelFor(target);
    }
}
