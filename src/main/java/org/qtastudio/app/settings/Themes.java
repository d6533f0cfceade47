package org.qtastudio.app.settings;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** Applies the AtlantaFX Primer theme the settings ask for, now and whenever the choice changes. */
public final class Themes {

    private Themes() {
    }

    public static void follow(SettingsViewModel settings) {
        apply(settings.darkThemeProperty().get());
        settings.darkThemeProperty().addListener((obs, old, dark) -> apply(dark));
    }

    private static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }
}
