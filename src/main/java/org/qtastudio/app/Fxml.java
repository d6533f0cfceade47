package org.qtastudio.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads FXML views whose controllers get their view model through the constructor, not from FXML. */
public final class Fxml {

    private Fxml() {
    }

    /** Loads {@code fxml}, a resource path relative to this package, with {@code controller} as its controller. */
    public static Parent load(String fxml, Object controller) {
        FXMLLoader loader = new FXMLLoader(Fxml.class.getResource(fxml));
        loader.setControllerFactory(type -> controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("the build lacks a valid " + fxml, e);
        }
    }
}
