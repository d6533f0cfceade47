package org.qtastudio.app.settings;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.paint.Color;

/** Applies the AtlantaFX Primer theme the settings ask for, now and whenever the choice changes. */
public final class Themes {

    private Themes() {
    }

    public static void follow(SettingsViewModel settings) {
        apply(settings.darkThemeProperty().get());
        settings.darkThemeProperty().addListener((obs, old, dark) -> apply(dark));
    }

    /**
     * The theme's window background ({@code -color-bg-default}), for a scene's fill: what shows before the first frame
     * is drawn, so the window never flashes white in the dark theme.
     */
    public static Color background(boolean dark) {
        return dark ? Color.web("#0d1117") : Color.WHITE;
    }

    private static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }
}
