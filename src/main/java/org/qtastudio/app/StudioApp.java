package org.qtastudio.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.qtastudio.app.settings.SettingsStore;
import org.qtastudio.app.settings.SettingsView;
import org.qtastudio.app.settings.SettingsViewModel;
import org.qtastudio.app.settings.Themes;
import org.qtastudio.catalog.imports.SampleData;
import org.qtastudio.common.Progress;
import org.qtastudio.common.UserDataFolder;
import org.qtastudio.store.Workspace;
import org.qtastudio.store.WorkspaceLocations;

/**
 * The desktop application. It shows its window at once and opens the workspace in the background; a
 * workspace that does not exist yet is created with the sample catalog in it.
 */
public final class StudioApp extends Application {

    private AppContext context;

    /** Starts JavaFX; returns when the last window closes. */
    public static void launchApp(String[] args) {
        Application.launch(StudioApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        SettingsViewModel settings = new SettingsViewModel(SettingsStore.inDataFolder());
        Themes.follow(settings);
        Label opening = new Label("Opening workspace…");
        Scene scene = new Scene(splash(opening), 1280, 800, Themes.background(settings.darkThemeProperty().get()));
        stage.setTitle("QTA Studio");
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        WindowState state = WindowState.forUser();
        state.restore(stage);
        stage.show();

        Path file = WorkspaceLocations.defaultWorkspace();
        Task<Workspace> open = new Task<>() {
            @Override
            protected Workspace call() {
                boolean firstStart = !Files.exists(file);
                Workspace workspace = Workspace.open(file);
                if (firstStart) {
                    updateMessage("First start: importing the sample catalog…");
                    SampleData.importInto(workspace, Progress.NONE);
                }
                return workspace;
            }
        };
        opening.textProperty().bind(open.messageProperty());
        open.setOnSucceeded(e -> {
            context = new AppContext(open.getValue());
            stage.setOnCloseRequest(close -> {
                if (!confirmStop(context)) {
                    close.consume();
                }
            });
            MainWindow window = new MainWindow(context, settings);
            state.restoreDividers(window.splitPanes());
            stage.setOnHiding(hiding -> {
                state.save(stage);
                state.saveDividers(window.splitPanes());
            });
            scene.fillProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                    () -> Themes.background(settings.darkThemeProperty().get()), settings.darkThemeProperty()));
            scene.setRoot(window.root());
            stage.setTitle("QTA Studio — " + file.getFileName());
            if (settings.guidePending()) {
                SettingsView.show(stage, settings, file);
            }
        });
        open.setOnFailed(e -> {
            opening.textProperty().unbind();
            opening.setText("Could not open the workspace " + file + ":\n" + open.getException().getMessage()
                    + "\nSet " + UserDataFolder.HOME_VARIABLE + " to another folder, or move the file away, and start again.");
            opening.setWrapText(true);
        });
        Thread t = new Thread(open, "qta-open-workspace");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The spinner shown while the workspace opens, on the theme's background colour: the window's first frames are
     * never blank white.
     */
    static Parent splash(Label message) {
        VBox splash = new VBox(12, new ProgressIndicator(), message);
        splash.setAlignment(Pos.CENTER);
        splash.setStyle("-fx-background-color: -color-bg-default;");
        return splash;
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
        Platform.exit();
    }

    /** Asks before closing while work runs; on yes the work is cancelled (runs stay resumable). */
    private static boolean confirmStop(AppContext context) {
        List<String> running = context.runningWork();
        if (running.isEmpty()) {
            return true;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                "Still running:\n" + String.join("\n", running)
                        + "\n\nStop it and quit? Imports are rolled back; alignment runs can be resumed from their last checkpoint.",
                ButtonType.YES, ButtonType.NO);
        ask.setHeaderText("Work is still running");
        boolean stop = ask.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
        if (stop) {
            context.cancelAll();
        }
        return stop;
    }
}
