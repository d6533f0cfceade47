package org.qtastudio;

import org.qtastudio.app.StudioApp;
import org.qtastudio.cli.QtaCommand;

/**
 * Entry point of {@code qta-studio.jar}: no arguments opens the application, anything else runs the CLI.
 * A plain class (not a JavaFX {@code Application}) so the jar starts with JavaFX on the class path.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // before anything touches DJL: point it at an installed CUDA build of libtorch when one should be used
        org.qtastudio.lm.engine.EngineSelection.selectBeforeDjl();
        if (args.length == 0) {
            StudioApp.launchApp(args);
        } else {
            System.exit(QtaCommand.execute(args));
        }
    }
}
