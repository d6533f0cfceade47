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
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
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
import org.qtastudio.app.annotate.AnnotateView;
import org.qtastudio.app.annotate.AnnotateViewModel;
import org.qtastudio.app.baselines.BaselinesView;
import org.qtastudio.app.baselines.BaselinesViewModel;
import org.qtastudio.app.catalog.CatalogBrowserView;
import org.qtastudio.app.catalog.CatalogBrowserViewModel;
import org.qtastudio.app.catalog.ImportPreviewView;
import org.qtastudio.app.catalog.ImportPreviewViewModel;
import org.qtastudio.app.experiments.ExperimentsView;
import org.qtastudio.app.experiments.ExperimentsViewModel;
import org.qtastudio.app.results.ResultsView;
import org.qtastudio.app.results.ResultsViewModel;
import org.qtastudio.app.serve.ServeView;
import org.qtastudio.app.serve.ServeViewModel;
import org.qtastudio.app.settings.SettingsView;
import org.qtastudio.app.settings.SettingsViewModel;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.importers.mcp.McpToolListing;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.eval.EvalRun;

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
    private final ExperimentsViewModel experimentsModel;
    private final ResultsViewModel resultsModel;
    private final AnnotateViewModel annotateModel;
    private final ServeViewModel serveModel;
    private final TabPane tabs;
    private final StatusLine statusLine = new StatusLine();
    private final Button dismiss = new Button("✕");
    private final Label workLabel = new Label();
    private final javafx.collections.ObservableList<Task<?>> work = javafx.collections.FXCollections.observableArrayList();
    private Task<?> running;

    /** A window whose settings (theme) last for this session only: tests and screenshots. */
    public MainWindow(AppContext context) {
        this(context, SettingsViewModel.inMemory());
    }

    public MainWindow(AppContext context, SettingsViewModel settings) {
        this.context = context;
        this.catalogModel = new CatalogBrowserViewModel(context);
        CatalogBrowserView catalogView = new CatalogBrowserView(catalogModel);
        MenuItem importFile = new MenuItem("_File…");
        importFile.setOnAction(e -> chooseAndImport());
        MenuItem importFolder = new MenuItem("_Dataset folder…");
        importFolder.setOnAction(e -> chooseFolderAndImport());
        MenuItem importMcp = new MenuItem("From an _MCP server…");
        importMcp.setId("importMcpItem");
        importMcp.setOnAction(e -> previewMcpImport());
        MenuButton importButton = new MenuButton("_Import", null, importFile, importFolder, importMcp);
        importButton.setId("importButton");
        Label workspaceLabel = new Label(context.workspace().file().toString());
        workspaceLabel.getStyleClass().add("text-muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToggleButton darkTheme = new ToggleButton("_Dark theme");
        darkTheme.setId("darkThemeToggle");
        darkTheme.selectedProperty().bindBidirectional(settings.darkThemeProperty());
        Button help = new Button("Settings & _help (F1)");
        help.setId("settingsButton");
        help.setOnAction(e -> SettingsView.show(root.getScene().getWindow(), settings, context.workspace().file()));
        root.getStylesheets().add(MainWindow.class.getResource("app.css").toExternalForm());
        root.setTop(new ToolBar(importButton, spacer, workspaceLabel, darkTheme, help));

        annotateModel = new AnnotateViewModel(context);
        shareCatalog(annotateModel.catalogProperty());
        Tab catalogTab = new Tab("Catalog", Fxml.load("catalog/CatalogBrowser.fxml", catalogView));
        catalogTab.setId("catalogTab");
        AnnotateView annotateView = new AnnotateView(annotateModel, catalogModel.catalogs());
        Tab annotateTab = new Tab("Annotate", Fxml.load("annotate/Annotate.fxml", annotateView));
        annotateTab.setId("annotateTab");
        baselinesModel = new BaselinesViewModel(context);
        shareCatalog(baselinesModel.catalogProperty());
        Tab baselinesTab = new Tab("Baselines", Fxml.load("baselines/Baselines.fxml", new BaselinesView(baselinesModel, catalogModel.catalogs())));
        baselinesTab.setId("baselinesTab");
        alignModel = new AlignViewModel(context);
        shareCatalog(alignModel.catalogProperty());
        Tab alignTab = new Tab("Align", Fxml.load("align/Align.fxml", new AlignView(alignModel, catalogModel.catalogs())));
        alignTab.setId("alignTab");
        experimentsModel = new ExperimentsViewModel(context, alignModel);
        shareCatalog(experimentsModel.grid().catalogProperty());
        Tab experimentsTab = new Tab("Experiments", Fxml.load("experiments/Experiments.fxml",
                new ExperimentsView(experimentsModel, catalogModel.catalogs())));
        experimentsTab.setId("experimentsTab");
        experimentsTab.setOnSelectionChanged(e -> {
            if (experimentsTab.isSelected()) {
                experimentsModel.refresh(); // experiments made from the command line since show up
            }
        });
        resultsModel = new ResultsViewModel(context);
        shareCatalog(resultsModel.catalogProperty());
        Tab resultsTab = new Tab("Results", Fxml.load("results/Results.fxml", new ResultsView(resultsModel, catalogModel.catalogs())));
        resultsTab.setId("resultsTab");
        resultsTab.setOnSelectionChanged(e -> {
            if (resultsTab.isSelected()) {
                resultsModel.refreshRuns(); // runs made on other screens since show up
            }
        });
        serveModel = new ServeViewModel(context);
        shareCatalog(serveModel.catalogProperty());
        Tab serveTab = new Tab("Serve", Fxml.load("serve/Serve.fxml", new ServeView(serveModel, catalogModel.catalogs())));
        serveTab.setId("serveTab");
        annotateTab.setOnSelectionChanged(e -> {
            if (annotateTab.isSelected()) {
                javafx.application.Platform.runLater(annotateView::focusSearch); // keyboard first: type to search tools
            }
        });
        tabs = new TabPane();
        tabs.getTabs().add(catalogTab);
        tabs.getTabs().add(annotateTab);
        tabs.getTabs().add(baselinesTab);
        tabs.getTabs().add(alignTab);
        tabs.getTabs().add(experimentsTab);
        tabs.getTabs().add(resultsTab);
        tabs.getTabs().add(serveTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.setCenter(tabs);
        // "Evaluate on <split>" on the Align screen ends on Results, comparing the original queries with the new rewrites;
        // so does opening an experiment's cell
        alignModel.evaluation().setOnEvaluated(outcome -> showInResults(outcome.original(), outcome.rewritten()));
        experimentsModel.setOnOpen(this::showInResults);
        // "Label in Annotate" on the Serve screen: the served catalog's unlabelled queries, the logged ones among them
        serveModel.setOnLabel(catalog -> {
            annotateModel.splitFilterProperty().set(org.qtastudio.catalog.Split.UNLABELLED);
            annotateModel.annotatedFilterProperty().set(AnnotateViewModel.Annotated.ALL);
            annotateModel.textFilterProperty().set("");
            if (catalog.equals(catalogModel.selectedCatalogProperty().get())) {
                annotateModel.reload(); // the queries logged since the screen last read them
            } else {
                catalogModel.selectedCatalogProperty().set(catalog);
            }
            tabs.getSelectionModel().select(annotateTab);
        });

        status.setId("statusMessage");
        status.textProperty().bind(statusLine.textProperty());
        status.styleProperty().bind(javafx.beans.binding.Bindings.when(statusLine.errorProperty())
                .then("-fx-text-fill: -color-danger-fg;").otherwise(""));
        dismiss.setId("dismissStatus");
        dismiss.getStyleClass().addAll("flat", "small");
        dismiss.setTooltip(new javafx.scene.control.Tooltip("Dismiss this message"));
        dismiss.visibleProperty().bind(statusLine.errorProperty());
        dismiss.managedProperty().bind(dismiss.visibleProperty());
        dismiss.setOnAction(e -> statusLine.dismiss());
        workLabel.setId("statusWork");
        workLabel.setMinWidth(Region.USE_PREF_SIZE);
        workLabel.setMaxWidth(520);
        progress.setId("statusProgress");
        progress.setPrefWidth(200);
        cancel.setId("statusCancel");
        cancel.setTooltip(new javafx.scene.control.Tooltip("Cancel this work (Esc on its screen)"));
        cancel.setOnAction(e -> {
            Task<?> t = work.isEmpty() ? null : work.getLast();
            if (t != null) {
                t.cancel(false); // the work stops at its next step; an interrupt would close the file it reads
            }
        });
        showWork();
        context.onTaskStarted(this::follow);
        // while a server runs, the status bar says so on every screen; a click goes to the Serve screen
        Button serving = new Button();
        serving.setId("statusServing");
        serving.getStyleClass().addAll("flat", "small");
        serving.setMinWidth(Region.USE_PREF_SIZE);
        serving.textProperty().bind(javafx.beans.binding.Bindings.concat("● ", serveModel.servingSummaryProperty()));
        serving.setStyle("-fx-text-fill: -color-success-fg;");
        serving.visibleProperty().bind(serveModel.servingSummaryProperty().isNotEmpty());
        serving.managedProperty().bind(serving.visibleProperty());
        serving.setTooltip(new javafx.scene.control.Tooltip("A tool search server is running: show the Serve screen (Ctrl+7)"));
        serving.setOnAction(e -> tabs.getSelectionModel().select(serveTab));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox.setHgrow(status, Priority.SOMETIMES);
        status.setMinWidth(0);
        HBox statusBar = new HBox(8, serving, status, dismiss, gap, workLabel, progress, cancel);
        statusBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        statusBar.setId("statusBar");
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
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), this::refresh);
                // Ctrl+1 … Ctrl+7 bring a screen to the front: tab headers cannot carry mnemonics
                for (int i = 0; i < tabs.getTabs().size(); i++) {
                    Tab tab = tabs.getTabs().get(i);
                    KeyCodeCombination keys = new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(i + 1)), KeyCombination.SHORTCUT_DOWN);
                    scene.getAccelerators().put(keys, () -> tabs.getSelectionModel().select(tab));
                    tab.setTooltip(new javafx.scene.control.Tooltip(keys.getDisplayText()));
                }
                // Esc cancels the work of the screen in front, wherever the focus is (a tab header, a table, a field)
                scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
                    if (e.getCode() == KeyCode.ESCAPE && !e.isShortcutDown() && !e.isAltDown() && cancelFrontWork()) {
                        e.consume();
                    }
                });
            }
        });
        catalogModel.refreshCatalogs();
        context.watchWorkspace(this::refresh);
    }

    /**
     * Reads the workspace again: catalogs, the Annotate screen's queries, the evaluation and alignment runs, the logged
     * queries. F5, and
     * what the window does when another process (the command line) changed the workspace file.
     */
    public void refresh() {
        catalogModel.refreshCatalogs();
        annotateModel.reload();
        baselinesModel.refreshRuns();
        alignModel.refreshRuns(-1);
        experimentsModel.refresh();
        resultsModel.refreshRuns();
        serveModel.reload();
    }

    /** Brings Results to the front comparing {@code before} with {@code after}. */
    private void showInResults(EvalRun before, EvalRun after) {
        resultsModel.open(before, after);
        tabs.getTabs().stream().filter(t -> "resultsTab".equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** Cancels the work of the screen in front (Esc); false when it has none running. */
    public boolean cancelFrontWork() {
        String front = tabs.getSelectionModel().getSelectedItem().getId();
        switch (front) {
            case "catalogTab" -> {
                if (running != null && running.isRunning()) {
                    running.cancel(false);
                    return true;
                }
            }
            case "baselinesTab" -> {
                Task<?> evaluation = baselinesModel.evaluationProperty().get();
                if (evaluation != null && evaluation.isRunning()) {
                    baselinesModel.cancel();
                    return true;
                }
            }
            case "alignTab" -> {
                if (alignModel.workingProperty().get()) {
                    alignModel.cancel();
                    return true;
                }
            }
            case "experimentsTab" -> {
                if (experimentsModel.workingProperty().get()) {
                    experimentsModel.cancel();
                    return true;
                }
            }
            case "serveTab" -> {
                if (serveModel.workingProperty().get()) {
                    serveModel.cancel();
                    return true;
                }
            }
            default -> {
                return false;
            }
        }
        return false;
    }

    /** Lists a task in the status bar once it reports what it does, until it ends. */
    private void follow(Task<?> task) {
        javafx.beans.value.ChangeListener<String> reported = (obs, old, m) -> {
            if (m != null && !m.isBlank() && task.isRunning() && !work.contains(task)) {
                work.add(task);
                showWork();
            }
        };
        task.messageProperty().addListener(reported);
        task.stateProperty().addListener((obs, old, state) -> {
            if (state == javafx.concurrent.Worker.State.SUCCEEDED || state == javafx.concurrent.Worker.State.FAILED
                    || state == javafx.concurrent.Worker.State.CANCELLED) {
                task.messageProperty().removeListener(reported);
                if (work.remove(task)) {
                    showWork();
                }
            }
        });
    }

    /** The status bar's right side: the newest running work, its progress and Cancel; hidden when nothing runs. */
    private void showWork() {
        workLabel.textProperty().unbind();
        progress.progressProperty().unbind();
        boolean busy = !work.isEmpty();
        workLabel.setVisible(busy);
        progress.setVisible(busy);
        cancel.setVisible(busy);
        if (busy) {
            Task<?> t = work.getLast();
            String more = work.size() > 1 ? "  (+" + (work.size() - 1) + " more)" : "";
            workLabel.textProperty().bind(t.messageProperty().concat(more));
            progress.progressProperty().bind(t.progressProperty());
        } else {
            workLabel.setText("");
        }
    }

    /** The message line of the status bar: the latest message replaces the last; an error stays until dismissed. */
    public StatusLine statusLine() {
        return statusLine;
    }

    public Parent root() {
        return root;
    }

    /**
     * Every split pane of the window, screen by screen in tab order and in document order within a screen, whether its
     * tab is shown or not: what {@link WindowState} remembers the dividers of.
     */
    public List<javafx.scene.control.SplitPane> splitPanes() {
        List<javafx.scene.control.SplitPane> panes = new java.util.ArrayList<>();
        for (Tab tab : tabs.getTabs()) {
            collectSplitPanes(tab.getContent(), panes);
        }
        return panes;
    }

    private static void collectSplitPanes(javafx.scene.Node node, List<javafx.scene.control.SplitPane> panes) {
        if (node instanceof javafx.scene.control.SplitPane split) {
            panes.add(split);
            split.getItems().forEach(item -> collectSplitPanes(item, panes));
        } else if (node instanceof javafx.scene.control.ScrollPane scroll) {
            collectSplitPanes(scroll.getContent(), panes);
        } else if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collectSplitPanes(child, panes));
        }
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

    public ExperimentsViewModel experimentsModel() {
        return experimentsModel;
    }

    public ResultsViewModel resultsModel() {
        return resultsModel;
    }

    public ServeViewModel serveModel() {
        return serveModel;
    }

    /** The workspace and services the window works on. */
    public AppContext context() {
        return context;
    }

    /** One catalog selection for the whole window: every screen's catalog is the browser's selected catalog. */
    private void shareCatalog(ObjectProperty<Catalog> screenCatalog) {
        screenCatalog.bindBidirectional(catalogModel.selectedCatalogProperty());
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

    private void chooseFolderAndImport() {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("Import a dataset folder (MTRB, BEIR, ToolBench, …)");
        File folder = chooser.showDialog(root.getScene().getWindow());
        if (folder != null) {
            previewImport(folder);
        }
    }

    /** Opens the import dialog on {@code file}: a dry run first, the import when the user confirms it. */
    public Dialog<ButtonType> previewImport(File file) {
        return ImportPreviewView.open(root.getScene().getWindow(), new ImportPreviewViewModel(context, file.toPath()),
                choice -> importFile(choice.source(), choice.chosenFormat(), choice.catalogNameProperty().get()),
                other -> previewImport(other.toFile()), this::previewMcpImport);
    }

    /**
     * Opens the import dialog for live MCP servers: the user names them, lists their tools, and the import stores what was
     * listed when the user confirms it.
     */
    public Dialog<ButtonType> previewMcpImport() {
        return ImportPreviewView.open(root.getScene().getWindow(), ImportPreviewViewModel.mcpServers(context),
                choice -> importListings(choice.listings(), choice.catalogNameProperty().get()),
                other -> previewImport(other.toFile()), this::previewMcpImport);
    }

    /** Stores the tools MCP servers listed, all in one transaction, off the FX thread with progress and cancel. */
    public Task<List<ImportReport>> importListings(List<McpToolListing> listings, String catalogName) {
        Task<List<ImportReport>> task = new Task<>() {
            @Override
            protected List<ImportReport> call() throws Exception {
                updateTitle("Import of " + listings.size() + (listings.size() == 1 ? " MCP server's tools" : " MCP servers' tools"));
                return new ImportService(context.workspace()).importListings(listings, catalogName, null,
                        new TaskProgress(this::updateMessage, this::updateProgress, this::isCancelled));
            }
        };
        task.setOnSucceeded(e -> {
            statusLine.info(String.join(" ", task.getValue().stream().map(r -> r.outcome(false)).toList()));
            catalogModel.refreshCatalogs();
        });
        task.setOnFailed(e -> statusLine.error(Messages.readable("Import", task.getException())));
        task.setOnCancelled(e -> statusLine.info("Import cancelled; nothing was stored."));
        running = task;
        return context.run(task);
    }

    /** Imports a file off the FX thread with progress and cancel; the catalogs refresh when it is stored. */
    public Task<ImportReport> importFile(ImportSource source, String format, String catalogName) {
        Task<ImportReport> task = new Task<>() {
            @Override
            protected ImportReport call() throws Exception {
                updateTitle("Import of " + source.path().getFileName());
                return new ImportService(context.workspace()).importSource(source, format, catalogName,
                        new TaskProgress(this::updateMessage, this::updateProgress, this::isCancelled));
            }
        };
        task.setOnSucceeded(e -> {
            statusLine.info(task.getValue().outcome(false));
            catalogModel.refreshCatalogs();
        });
        task.setOnFailed(e -> statusLine.error(Messages.readable("Import", task.getException())));
        task.setOnCancelled(e -> statusLine.info("Import cancelled; nothing was stored."));
        running = task;
        return context.run(task);
    }
}
