package org.qtastudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qtastudio.app.settings.Themes;

/** The start-up spinner is drawn on the theme's background, the colour the scene is filled with before it: no white flash. */
class SplashTest {

    @AfterEach
    void lightAgain() throws Exception {
        FxTest.run(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
    }

    @ParameterizedTest(name = "dark theme {0}")
    @ValueSource(booleans = {false, true})
    void theSplashHasTheThemesBackground(boolean dark) throws Exception {
        Paint[] fills = FxTest.call(() -> {
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
            Region splash = (Region) StudioApp.splash(new Label("Opening workspace…"));
            new Scene(splash, 400, 300, Themes.background(dark));
            splash.applyCss();
            return new Paint[] {splash.getBackground().getFills().getFirst().getFill(), Themes.background(dark)};
        });
        assertEquals(fills[1], fills[0]);
    }
}
