package org.qtastudio.app.catalog;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Window;
import org.qtastudio.app.Fxml;
import org.qtastudio.app.Labels;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.importers.GenericImporter;
import org.qtastudio.catalog.importers.QueryDraft;

/**
 * The import dialog: shows the dry run of the chosen file (counts, first tools and queries, unmatched gold and
 * warnings, or the importer's error with its line) and imports only when the user confirms a successful one. For
 * generic records, the "Field mapping" tab maps each field to one of the file's columns or a JMESPath path.
 *
 * <p>For live MCP servers ({@link ImportPreviewViewModel#mcpServers}) the form names the server (a command, a URL or
 * a client configuration), List tools (Enter) lists them with progress, Stop (Esc) ends the listing, and the listed
 * tools show in the same table, by server; Enter again imports them.
 */
public final class ImportPreviewView {

    /** The dialog's confirming button. */
    public static final ButtonType IMPORT = new ButtonType("Import", ButtonBar.ButtonData.OK_DONE);

    private final ImportPreviewViewModel model;

    @FXML
    private Label fileLabel;
    @FXML
    private Label formatLabel;
    @FXML
    private ChoiceBox<String> importFormatChoice;
    @FXML
    private Label catalogLabel;
    @FXML
    private TextField importCatalogField;
    @FXML
    private Label splitLabel;
    @FXML
    private ChoiceBox<Split> importSplitChoice;
    @FXML
    private HBox readingBox;
    @FXML
    private ProgressBar readingProgress;
    @FXML
    private Label readingMessage;
    @FXML
    private javafx.scene.control.Button chooseFileButton;
    @FXML
    private javafx.scene.control.Button chooseFolderButton;
    @FXML
    private javafx.scene.control.Button chooseMcpButton;
    @FXML
    private javafx.scene.control.Button stopButton;
    @FXML
    private GridPane fileGrid;
    @FXML
    private GridPane mcpGrid;
    @FXML
    private RadioButton mcpCommandRadio;
    @FXML
    private RadioButton mcpUrlRadio;
    @FXML
    private RadioButton mcpConfigRadio;
    @FXML
    private TextField mcpServerField;
    @FXML
    private javafx.scene.control.Button mcpBrowseButton;
    @FXML
    private Label mcpHintLabel;
    @FXML
    private Label mcpTimeoutLabel;
    @FXML
    private Spinner<Integer> mcpTimeoutSpinner;
    @FXML
    private Label mcpCatalogLabel;
    @FXML
    private TextField mcpCatalogField;
    @FXML
    private javafx.scene.control.Button listToolsButton;
    @FXML
    private Label mcpOrFileLabel;
    @FXML
    private javafx.scene.control.Button mcpChooseFileButton;
    @FXML
    private javafx.scene.control.Button mcpChooseFolderButton;
    @FXML
    private Label importErrorLabel;
    @FXML
    private Label importSummaryLabel;
    @FXML
    private TabPane importTabs;
    @FXML
    private Tab toolsTab;
    @FXML
    private Tab queriesTab;
    @FXML
    private Tab problemsTab;
    @FXML
    private TableView<Tool> importToolTable;
    @FXML
    private TableColumn<Tool, String> toolKeyColumn;
    @FXML
    private TableColumn<Tool, String> toolNameColumn;
    @FXML
    private TableColumn<Tool, String> toolDescriptionColumn;
    @FXML
    private TableView<QueryDraft> importQueryTable;
    @FXML
    private TableColumn<QueryDraft, String> queryKeyColumn;
    @FXML
    private TableColumn<QueryDraft, String> querySplitColumn;
    @FXML
    private TableColumn<QueryDraft, String> queryTextColumn;
    @FXML
    private TableColumn<QueryDraft, String> queryGoldColumn;
    @FXML
    private ListView<String> importProblemList;
    @FXML
    private Tab mappingTab;
    @FXML
    private Label mappingHint;
    @FXML
    private GridPane mappingGrid;

    /** The dialog's Import button, which Enter in a field fires once the dry run is current. */
    private javafx.scene.control.Button importButton;

    public ImportPreviewView(ImportPreviewViewModel model) {
        this.model = model;
    }

    /**
     * Opens the dialog over {@code owner} and starts the dry run; {@code onImport} receives the confirmed
     * choices. The dialog does not block the caller.
     */
    public static Dialog<ButtonType> open(Window owner, ImportPreviewViewModel model, Consumer<ImportPreviewViewModel> onImport) {
        return open(owner, model, onImport, null, null);
    }

    /**
     * As {@link #open(Window, ImportPreviewViewModel, Consumer)}, after this dialog closed: {@code onOtherSource} (when not
     * null) receives a file or dataset folder the user picks with the dialog's "Other file…" and "Dataset folder…"
     * buttons, to preview that instead, and {@code onMcpServers} (when not null) runs when the user picks "From an MCP
     * server…". For MCP servers nothing starts until the user lists the tools.
     */
    public static Dialog<ButtonType> open(Window owner, ImportPreviewViewModel model, Consumer<ImportPreviewViewModel> onImport,
            Consumer<java.nio.file.Path> onOtherSource, Runnable onMcpServers) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(model.isMcp() ? "Import from an MCP server" : "Import " + model.file().getFileName());
        dialog.setResizable(true);
        // the room a large screen gives: longer tables and descriptions
        dialog.getDialogPane().setPrefSize(owner == null ? 900 : Math.max(900, 0.6 * owner.getWidth()),
                owner == null ? 620 : Math.max(620, 0.75 * owner.getHeight()));
        dialog.getDialogPane().setMinWidth(720);
        // the theme caps a dialog pane at 600 px wide, narrower than its minimum; app.css lifts the cap for this one
        dialog.getDialogPane().getStyleClass().add("import-dialog");
        ImportPreviewView view = new ImportPreviewView(model);
        dialog.getDialogPane().setContent(Fxml.load("catalog/ImportPreview.fxml", view));
        for (javafx.scene.control.Button b : List.of(view.chooseFileButton, view.mcpChooseFileButton)) {
            b.setVisible(onOtherSource != null);
            b.setManaged(onOtherSource != null);
            b.setOnAction(e -> {
                javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
                chooser.setTitle("Import a tool catalog or queries");
                chooser.setInitialDirectory(existingFolder(model.file()));
                java.io.File chosen = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
                if (chosen != null) {
                    dialog.close();
                    onOtherSource.accept(chosen.toPath());
                }
            });
        }
        for (javafx.scene.control.Button b : List.of(view.chooseFolderButton, view.mcpChooseFolderButton)) {
            b.setVisible(onOtherSource != null);
            b.setManaged(onOtherSource != null);
            b.setOnAction(e -> {
                javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
                chooser.setTitle("Import a dataset folder (MTRB, BEIR, ToolBench, …)");
                chooser.setInitialDirectory(existingFolder(model.file()));
                java.io.File chosen = chooser.showDialog(dialog.getDialogPane().getScene().getWindow());
                if (chosen != null) {
                    dialog.close();
                    onOtherSource.accept(chosen.toPath());
                }
            });
        }
        view.mcpOrFileLabel.setVisible(onOtherSource != null);
        view.chooseMcpButton.setVisible(onMcpServers != null);
        view.chooseMcpButton.setManaged(onMcpServers != null);
        view.chooseMcpButton.setOnAction(e -> {
            dialog.close();
            onMcpServers.run();
        });
        dialog.getDialogPane().getButtonTypes().setAll(IMPORT, ButtonType.CANCEL);
        dialog.getDialogPane().getStylesheets().add(org.qtastudio.app.MainWindow.class.getResource("app.css").toExternalForm());
        javafx.scene.control.Button importButton = (javafx.scene.control.Button) dialog.getDialogPane().lookupButton(IMPORT);
        importButton.setId("confirmImportButton");
        importButton.disableProperty().bind(model.readyProperty().not());
        view.importButton = importButton;
        // Esc stops a running dry run or listing (and ends the server); with nothing running it closes the dialog
        dialog.getDialogPane().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && model.readingProperty().get()) {
                model.cancel();
                e.consume();
            }
        });
        dialog.setOnHidden(e -> {
            model.cancel();
            if (dialog.getResult() == IMPORT) {
                onImport.accept(model);
            }
        });
        dialog.show();
        if (model.isMcp()) {
            view.mcpServerField.requestFocus();
        } else {
            model.refresh();
        }
        return dialog;
    }

    /** Enter in a field: imports what the dry run showed when it is current, else brings the dry run up to date. */
    private void enter() {
        if (model.readyProperty().get()) {
            importButton.fire();
        } else if (!model.readingProperty().get()) {
            model.refresh();
        }
    }

    @FXML
    private void initialize() {
        boolean mcp = model.isMcp();
        fileGrid.setVisible(!mcp);
        fileGrid.setManaged(!mcp);
        mcpGrid.setVisible(mcp);
        mcpGrid.setManaged(mcp);
        stopButton.setOnAction(e -> model.cancel());
        if (mcp) {
            mcpForm();
        } else {
            fileLabel.setText(model.file().toString());
        }
        Labels.mnemonic(formatLabel, importFormatChoice);
        Labels.mnemonic(catalogLabel, importCatalogField);
        importFormatChoice.setItems(FXCollections.observableArrayList(ImportPreviewViewModel.formats()));
        importFormatChoice.valueProperty().bindBidirectional(model.formatProperty());
        importCatalogField.textProperty().bindBidirectional(model.catalogNameProperty());
        Labels.mnemonic(splitLabel, importSplitChoice);
        importSplitChoice.getItems().add(null);
        importSplitChoice.getItems().addAll(Split.values());
        importSplitChoice.setConverter(Labels.of(s -> "queries the source leaves unassigned go to " + s.id(),
                "as the format says (test sets to test, other labelled queries to train)"));
        importSplitChoice.valueProperty().bindBidirectional(model.defaultSplitProperty());
        // the counts depend on the target catalog: check again when the edited name is committed
        importCatalogField.setOnAction(e -> enter());
        importCatalogField.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused && model.catalogNameChanged()) {
                model.refresh();
            }
        });

        readingBox.visibleProperty().bind(model.readingProperty());
        readingBox.managedProperty().bind(model.readingProperty());
        readingProgress.progressProperty().bind(model.progressProperty());
        readingMessage.textProperty().bind(model.messageProperty());
        show(importErrorLabel, model.errorProperty().isNotEmpty());
        importErrorLabel.textProperty().bind(model.errorProperty());
        show(importSummaryLabel, model.summaryProperty().isNotEmpty());
        importSummaryLabel.textProperty().bind(model.summaryProperty());

        if (mcp) {
            // a server's tools are keyed SERVER/name; its tools/list has no key of its own
            toolKeyColumn.setText("Server");
            column(toolKeyColumn, Tool::category);
        } else {
            column(toolKeyColumn, Tool::key);
        }
        column(toolNameColumn, Tool::name);
        column(toolDescriptionColumn, Tool::description);
        // keys and names that differ late ("GET /movie/{movie_id}/credits") show whole
        toolKeyColumn.setCellFactory(CatalogBrowserView.WrappingCell::new);
        toolNameColumn.setCellFactory(CatalogBrowserView.WrappingCell::new);
        // descriptions run longer than the column is wide: one line each, the whole text in a tooltip
        toolDescriptionColumn.setCellFactory(c -> org.qtastudio.app.Cells.textWithTooltip());
        importToolTable.setItems(model.tools());
        column(queryKeyColumn, QueryDraft::key);
        column(querySplitColumn, q -> q.split() == null ? "" : q.split().id());
        column(queryTextColumn, QueryDraft::text);
        column(queryGoldColumn, q -> String.join(", ", q.goldRefs()));
        importQueryTable.setItems(model.queries());
        importProblemList.setItems(model.problems());
        importToolTable.setPlaceholder(placeholder(model.toolsEmptyReasonProperty()));
        importQueryTable.setPlaceholder(placeholder(model.queriesEmptyReasonProperty()));
        importProblemList.setPlaceholder(placeholder(model.problemsEmptyReasonProperty()));
        toolsTab.textProperty().bind(Bindings.size(model.tools()).asString(mcp ? "Tools (%d)" : "Tools (first %d)"));
        queriesTab.textProperty().bind(Bindings.size(model.queries()).asString("Queries (first %d)"));
        problemsTab.textProperty().bind(Bindings.size(model.problems()).asString("Problems (%d)"));
        if (mcp) {
            importTabs.getTabs().removeAll(queriesTab, mappingTab); // a server gives tools only
        } else {
            mappingFields();
        }
    }

    /**
     * The MCP form: one field whose meaning the chosen way sets (a command line, a URL or a configuration file, each
     * kept while another is chosen), the timeout and the catalog; Enter in any of them lists the tools, and imports them
     * once listed.
     */
    private void mcpForm() {
        McpServerForm form = model.mcpForm();
        ToggleGroup ways = new ToggleGroup();
        Map<McpServerForm.Kind, RadioButton> radios = Map.of(McpServerForm.Kind.COMMAND, mcpCommandRadio,
                McpServerForm.Kind.URL, mcpUrlRadio, McpServerForm.Kind.CONFIGURATION, mcpConfigRadio);
        radios.forEach((kind, radio) -> {
            radio.setToggleGroup(ways);
            radio.setUserData(kind);
            radio.setOnAction(e -> mcpServerField.requestFocus()); // Alt+letter picks the way and goes to its field
        });
        ways.selectToggle(radios.get(form.kindProperty().get()));
        ways.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle != null) {
                form.kindProperty().set((McpServerForm.Kind) toggle.getUserData());
            } else {
                ways.selectToggle(old); // one way is always chosen
            }
        });
        form.kindProperty().addListener((obs, old, kind) -> showWay(form, old, kind));
        showWay(form, null, form.kindProperty().get());
        mcpBrowseButton.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("An MCP client configuration (Claude Desktop, Cursor, VS Code)");
            chooser.getExtensionFilters().addAll(new javafx.stage.FileChooser.ExtensionFilter("JSON", "*.json"),
                    new javafx.stage.FileChooser.ExtensionFilter("All files", "*.*"));
            java.io.File chosen = chooser.showOpenDialog(mcpBrowseButton.getScene().getWindow());
            if (chosen != null) {
                form.textProperty(McpServerForm.Kind.CONFIGURATION).set(chosen.toString());
                mcpServerField.requestFocus();
            }
        });
        mcpServerField.setOnAction(e -> enter());

        Labels.mnemonic(mcpTimeoutLabel, mcpTimeoutSpinner);
        mcpTimeoutSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 3600, form.timeoutSecondsProperty().get(), 10));
        mcpTimeoutSpinner.valueProperty().addListener((obs, old, seconds) -> form.timeoutSecondsProperty().set(seconds));
        mcpTimeoutSpinner.getEditor().addEventHandler(javafx.event.ActionEvent.ACTION, e -> enter()); // after the spinner commits it

        Labels.mnemonic(mcpCatalogLabel, mcpCatalogField);
        mcpCatalogField.textProperty().bindBidirectional(model.catalogNameProperty());
        mcpCatalogField.setOnAction(e -> enter());
        mcpCatalogField.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused && model.catalogNameChanged() && !model.listings().isEmpty()) {
                model.refresh(); // the listed tools against the catalog now named; no server starts again
            }
        });
        listToolsButton.setOnAction(e -> model.listTools());
        listToolsButton.disableProperty().bind(model.readingProperty());
    }

    /** Shows the chosen way: the field edits its text, with its example and what it does. */
    private void showWay(McpServerForm form, McpServerForm.Kind old, McpServerForm.Kind kind) {
        if (old != null) {
            mcpServerField.textProperty().unbindBidirectional(form.textProperty(old));
        }
        mcpServerField.textProperty().bindBidirectional(form.textProperty(kind));
        mcpBrowseButton.setVisible(kind == McpServerForm.Kind.CONFIGURATION);
        mcpBrowseButton.setManaged(kind == McpServerForm.Kind.CONFIGURATION);
        switch (kind) {
            case COMMAND -> {
                mcpServerField.setPromptText("npx -y @modelcontextprotocol/server-memory");
                mcpHintLabel.setText("A command that starts the server speaking MCP on its standard input and output, split into"
                        + " words as a shell would. The server is ended once its tools are listed.");
            }
            case URL -> {
                mcpServerField.setPromptText("http://127.0.0.1:3001/mcp");
                mcpHintLabel.setText("The address of a running server that speaks MCP over streamable HTTP (often ending in /mcp).");
            }
            case CONFIGURATION -> {
                mcpServerField.setPromptText("~/.config/Claude/claude_desktop_config.json, .cursor/mcp.json or .vscode/mcp.json");
                mcpHintLabel.setText("Every server of a Claude Desktop or Cursor configuration (mcpServers) or a VS Code mcp.json"
                        + " (servers), each into a catalog named after its key unless Catalog names one.");
            }
        }
    }

    /**
     * One editable choice per field of the generic importer, two fields a row: the file's columns to pick from, or a
     * JMESPath path typed in (e.g. {@code calling[].api}); left empty, the field reads its default column.
     */
    private void mappingFields() {
        mappingTab.disableProperty().bind(model.mappableProperty().not());
        mappingTab.textProperty().bind(Bindings.when(model.mappableProperty()).then("Field mapping")
                .otherwise("Field mapping (generic records only)"));
        mappingHint.setText("Choose the column each field is read from, or type a JMESPath path into the record (a.b, a[0],"
                + " calling[].api). An empty field reads the column shown greyed. The dry run above follows each change.");
        for (int i = 0; i < 2; i++) {
            ColumnConstraints label = new ColumnConstraints();
            label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            ColumnConstraints choice = new ColumnConstraints();
            choice.setHgrow(Priority.ALWAYS);
            mappingGrid.getColumnConstraints().addAll(label, choice);
        }
        int half = (GenericImporter.FIELDS.size() + 1) / 2;
        for (int i = 0; i < GenericImporter.FIELDS.size(); i++) {
            GenericImporter.Field field = GenericImporter.FIELDS.get(i);
            Label label = new Label(field.name());
            label.setTooltip(new Tooltip(field.meaning()));
            ComboBox<String> choice = new ComboBox<>();
            choice.setId("map-" + field.name());
            choice.setEditable(true);
            choice.setMaxWidth(Double.MAX_VALUE);
            choice.setTooltip(new Tooltip(field.meaning()));
            label.setLabelFor(choice);
            if (field.name().equals(GenericImporter.PARSE_AS)) {
                choice.getItems().setAll(ImportPreviewViewModel.documentFormats());
                choice.setPromptText("document's format");
            } else {
                choice.setItems(model.columns());
                choice.setPromptText(field.defaultColumn());
            }
            choice.setValue(model.mapping().get(field.name()));
            choice.valueProperty().addListener((obs, old, column) -> model.map(field.name(), column));
            int column = i < half ? 0 : 2;
            mappingGrid.add(label, column, i % half);
            mappingGrid.add(choice, column + 1, i % half);
        }
    }

    private static java.io.File existingFolder(java.nio.file.Path file) {
        if (file == null) {
            return null;
        }
        java.nio.file.Path dir = java.nio.file.Files.isDirectory(file) ? file : file.getParent();
        return dir != null && java.nio.file.Files.isDirectory(dir) ? dir.toFile() : null;
    }

    private static void show(Label label, javafx.beans.binding.BooleanBinding when) {
        label.visibleProperty().bind(when);
        label.managedProperty().bind(when);
    }

    private static Label placeholder(javafx.beans.value.ObservableStringValue text) {
        Label label = new Label();
        label.setWrapText(true);
        label.getStyleClass().add("text-muted");
        label.textProperty().bind(text);
        return label;
    }

    private static <T> void column(TableColumn<T, String> column, Function<T, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }
}
