package org.qtastudio.app.settings;

import org.qtastudio.common.UserDataFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.stage.Window;

/** The Settings and help dialog: a short guide, the theme, where the workspace and its data live, and the device. */
public final class SettingsView {

    static final String GUIDE = """
            1. Catalog: import a tool catalog with Import (a file, a dataset folder or an MCP server) or by dropping a file on the window, then search its tools (Ctrl+F).
            2. Annotate: add queries and tick their gold tools by keyboard (type to search, arrows, Space to tick, Enter for the next query, Ctrl+Z to undo); put each query in train or test.
            3. Baselines: evaluate BM25, dense or hybrid retrieval on the labelled queries, read S@k, NDCG@k, R@k and MRR, and compare two runs query by query.
            4. Align: teach a small language model to rewrite queries for your retriever (QTA), then see the rank changes in Results.
            Open this window again with Settings & help (F1).""";

    private final SettingsViewModel model;
    private final Path workspaceFile;

    @FXML
    private Label guideLabel;
    @FXML
    private CheckBox darkThemeBox;
    @FXML
    private TextField workspaceField;
    @FXML
    private TextField sideFolderField;
    @FXML
    private TextField embeddingCacheField;
    @FXML
    private TextField dataFolderField;
    @FXML
    private TextField settingsFileField;
    @FXML
    private Label folderNote;
    @FXML
    private Label deviceLabel;
    @FXML
    private Label messageLabel;
    @FXML
    private javafx.scene.control.Button engineButton;
    @FXML
    private javafx.scene.layout.GridPane shortcutGrid;

    private SettingsView(SettingsViewModel model, Path workspaceFile) {
        this.model = model;
        this.workspaceFile = workspaceFile;
    }

    @FXML
    private void initialize() {
        guideLabel.setText(GUIDE);
        darkThemeBox.selectedProperty().bindBidirectional(model.darkThemeProperty());
        workspaceField.setText(workspaceFile.toAbsolutePath().toString());
        sideFolderField.setText(workspaceFile.toAbsolutePath().resolveSibling(workspaceFile.getFileName() + "-data").toString());
        embeddingCacheField.setText("inside the workspace file (computed once per model and text)");
        dataFolderField.setText(model.dataFolder().toString());
        settingsFileField.setText(model.settingsFile() == null ? "not saved in this session" : model.settingsFile().toString());
        folderNote.setText("To keep everything in another folder (a portable install, a bigger disk), set "
                + UserDataFolder.HOME_VARIABLE + " to that folder before starting QTA Studio.");
        deviceLabel.setText(SettingsViewModel.DEVICE);
        Thread engine = new Thread(() -> { // GPU detection runs nvidia-smi: off the FX thread
            var choice = org.qtastudio.lm.engine.EngineSelection.current();
            String found = org.qtastudio.lm.engine.GpuDetector.system().describe();
            javafx.application.Platform.runLater(() -> deviceLabel.setText("Engine: " + choice.build() + " (" + choice.reason()
                    + "). Found: " + found + ". " + SettingsViewModel.DEVICE));
        }, "qta-engine-info");
        engine.setDaemon(true);
        engine.start();
        messageLabel.textProperty().bind(model.messageProperty());
        int row = 0;
        for (org.qtastudio.app.Shortcuts.Shortcut s : org.qtastudio.app.Shortcuts.ALL) {
            Label where = new Label(s.where());
            where.getStyleClass().add("text-muted");
            Label keys = new Label(s.keys());
            keys.getStyleClass().add("text-bold");
            keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label does = new Label(s.does());
            does.setWrapText(true);
            shortcutGrid.addRow(row++, where, keys, does);
        }
    }

    @FXML
    private void openEngineDialog() {
        EngineInstallDialog.show(engineButton.getScene().getWindow());
    }

    /** Shows the dialog without blocking; when it is the first-start guide, remembers that it was shown. */
    public static Dialog<ButtonType> show(Window owner, SettingsViewModel model, Path workspaceFile) {
        FXMLLoader loader = new FXMLLoader(SettingsView.class.getResource("Settings.fxml"));
        loader.setControllerFactory(type -> new SettingsView(model, workspaceFile));
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(model.guidePending() ? "Welcome to QTA Studio" : "Settings and help");
        try {
            // scrolls rather than growing past a 1366x768 screen
            ScrollPane content = new ScrollPane(loader.load());
            content.setFitToWidth(true);
            content.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
            content.setPrefViewportHeight(520);
            dialog.getDialogPane().setContent(content);
        } catch (IOException e) {
            throw new UncheckedIOException("the build lacks a valid Settings.fxml", e);
        }
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().getStylesheets().add(org.qtastudio.app.MainWindow.class.getResource("app.css").toExternalForm());
        // AtlantaFX caps dialogs at 600 px in its stylesheet, too narrow for the folder paths
        dialog.getDialogPane().setStyle("-fx-max-width: 1200px;");
        dialog.getDialogPane().setPrefWidth(820);
        dialog.setResizable(true);
        model.guideShown();
        dialog.show();
        return dialog;
    }
}
