package org.qtastudio.app;

import java.io.File;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.concurrent.Task;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import org.qtastudio.app.align.AlignView;
import org.qtastudio.app.align.AlignViewModel;
import org.qtastudio.app.baselines.BaselinesView;
import org.qtastudio.app.baselines.BaselinesViewModel;
import org.qtastudio.app.catalog.CatalogBrowserView;
import org.qtastudio.app.catalog.ImportPreviewView;
import org.qtastudio.app.catalog.ImportPreviewViewModel;
import org.qtastudio.app.results.ResultsView;
import org.qtastudio.app.results.ResultsViewModel;
import org.qtastudio.app.settings.SettingsView;
import org.qtastudio.app.settings.SettingsViewModel;
import org.qtastudio.app.annotate.AnnotateView;
import org.qtastudio.app.annotate.AnnotateViewModel;
import org.qtastudio.app.catalog.CatalogBrowserViewModel;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.ImportReport;
import org.qtastudio.catalog.ImportService;
import org.qtastudio.catalog.importers.ImportSource;

/**
 * The application window: a tool bar (import), one tab per screen, and a status bar with the progress and
 * cancel button of the running background task.
 */
public final class MainWindow {

    private final AppContext context;
    private final BorderPane root = new BorderPane();
    private final Label status = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button("Cancel");
    private final CatalogBrowserViewModel catalogModel;
    private final BaselinesViewModel baselinesModel;
    private final AlignViewModel alignModel;
    private final ResultsViewModel resultsModel;
    private Task<?> running;

    /** A window whose settings (theme) last for this session only: tests and screenshots. */
    public MainWindow(AppContext context) {
        this(context, SettingsViewModel.inMemory());
    }

    public MainWindow(AppContext context, SettingsViewModel settings) {
        this.context = context;
        this.catalogModel = new CatalogBrowserViewModel(context);
        CatalogBrowserView catalogView = new CatalogBrowserView(catalogModel);
        Button importButton = new Button("Import…");
        importButton.setId("importButton");
        importButton.setOnAction(e -> chooseAndImport());
        Label workspaceLabel = new Label(context.workspace().file().toString());
        workspaceLabel.getStyleClass().add("text-muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToggleButton darkTheme = new ToggleButton("Dark theme");
        darkTheme.setId("darkThemeToggle");
        darkTheme.selectedProperty().bindBidirectional(settings.darkThemeProperty());
        Button help = new Button("Settings & help (F1)");
        help.setId("settingsButton");
        help.setOnAction(e -> SettingsView.show(root.getScene().getWindow(), settings, context.workspace().file()));
        root.setTop(new ToolBar(importButton, spacer, workspaceLabel, darkTheme, help));

        AnnotateViewModel annotateModel = new AnnotateViewModel(context);
        followFirstCatalog(annotateModel.catalogProperty());
        Tab catalogTab = new Tab("Catalog", Fxml.load("catalog/CatalogBrowser.fxml", catalogView));
        catalogTab.setId("catalogTab");
        Tab annotateTab = new Tab("Annotate", Fxml.load("annotate/Annotate.fxml", new AnnotateView(annotateModel, catalogModel.catalogs())));
        annotateTab.setId("annotateTab");
        baselinesModel = new BaselinesViewModel(context);
        followFirstCatalog(baselinesModel.catalogProperty());
        Tab baselinesTab = new Tab("Baselines", Fxml.load("baselines/Baselines.fxml", new BaselinesView(baselinesModel, catalogModel.catalogs())));
        baselinesTab.setId("baselinesTab");
        alignModel = new AlignViewModel(context);
        followFirstCatalog(alignModel.catalogProperty());
        Tab alignTab = new Tab("Align", Fxml.load("align/Align.fxml", new AlignView(alignModel, catalogModel.catalogs())));
        alignTab.setId("alignTab");
        resultsModel = new ResultsViewModel(context);
        followFirstCatalog(resultsModel.catalogProperty());
        Tab resultsTab = new Tab("Results", Fxml.load("results/Results.fxml", new ResultsView(resultsModel, catalogModel.catalogs())));
        resultsTab.setId("resultsTab");
        resultsTab.setOnSelectionChanged(e -> {
            if (resultsTab.isSelected()) {
                resultsModel.refreshRuns(); // runs made on other screens since show up
            }
        });
        TabPane tabs = new TabPane();
        tabs.getTabs().add(catalogTab);
        tabs.getTabs().add(annotateTab);
        tabs.getTabs().add(baselinesTab);
        tabs.getTabs().add(alignTab);
        tabs.getTabs().add(resultsTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.setCenter(tabs);
        // "Evaluate on <split>" on the Align screen ends on Results, comparing the original queries with the new rewrites
        alignModel.evaluation().setOnEvaluated(outcome -> {
            resultsModel.open(outcome.original(), outcome.rewritten());
            tabs.getSelectionModel().select(resultsTab);
        });

        progress.setVisible(false);
        progress.setPrefWidth(200);
        cancel.setVisible(false);
        cancel.setOnAction(e -> {
            if (running != null) {
                running.cancel(false); // the import stops at its next batch; an interrupt would close the file it reads
            }
        });
        HBox statusBar = new HBox(8, status, new Region(), progress, cancel);
        HBox.setHgrow(statusBar.getChildren().get(1), Priority.ALWAYS);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setStyle("-fx-padding: 4 8 4 8;");
        root.setBottom(statusBar);

        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            e.setDropCompleted(files != null && !files.isEmpty());
            if (files != null && !files.isEmpty()) {
                previewImport(files.get(0));
            }
            e.consume();
        });
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), catalogView::focusSearch);
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F1), help::fire);
            }
        });
        catalogModel.refreshCatalogs();
    }

    public Parent root() {
        return root;
    }

    public CatalogBrowserViewModel catalogModel() {
        return catalogModel;
    }

    public BaselinesViewModel baselinesModel() {
        return baselinesModel;
    }

    public AlignViewModel alignModel() {
        return alignModel;
    }

    public ResultsViewModel resultsModel() {
        return resultsModel;
    }

    /** The workspace and services the window works on. */
    public AppContext context() {
        return context;
    }

    /** A screen starts on the catalog the browser selects first; after that the user picks its catalog there. */
    private void followFirstCatalog(ObjectProperty<Catalog> screenCatalog) {
        catalogModel.selectedCatalogProperty().addListener((obs, old, c) -> {
            if (screenCatalog.get() == null) {
                screenCatalog.set(c);
            }
        });
    }

    private void chooseAndImport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a tool catalog or queries");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Catalogs (JSON, YAML, JSONL, CSV)", "*.json", "*.yaml", "*.yml", "*.jsonl", "*.csv"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file != null) {
            previewImport(file);
        }
    }

    /** Opens the import dialog on {@code file}: a dry run first, the import when the user confirms it. */
    public Dialog<ButtonType> previewImport(File file) {
        return ImportPreviewView.open(root.getScene().getWindow(), new ImportPreviewViewModel(context, file.toPath()),
                choice -> importFile(choice.source(), choice.chosenFormat(), choice.catalogNameProperty().get()));
    }

    /** Imports a file off the FX thread with progress and cancel; the catalogs refresh when it is stored. */
    public Task<ImportReport> importFile(ImportSource source, String format, String catalogName) {
        Task<ImportReport> task = new Task<>() {
            @Override
            protected ImportReport call() throws Exception {
                return new ImportService(context.workspace()).importSource(source, format, catalogName,
                        new TaskProgress(this::updateMessage, this::updateProgress, this::isCancelled));
            }
        };
        task.setOnSucceeded(e -> {
            ImportReport r = task.getValue();
            status.setText(r.summary());
            catalogModel.refreshCatalogs();
        });
        task.setOnFailed(e -> status.setText(Messages.readable("Import", task.getException())));
        task.setOnCancelled(e -> status.setText("Import cancelled; nothing was stored."));
        track(task);
        return context.run(task);
    }

    private void track(Task<?> task) {
        running = task;
        progress.progressProperty().bind(task.progressProperty());
        progress.visibleProperty().bind(task.runningProperty());
        cancel.visibleProperty().bind(task.runningProperty());
        task.messageProperty().addListener((obs, old, m) -> status.setText(m));
    }
}
