package org.qtastudio.app.serve;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.qtastudio.align.AlignStore;
import org.qtastudio.app.Cells;
import org.qtastudio.app.Labels;
import org.qtastudio.app.baselines.RetrieverForm;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.serve.ServeConfig;
import org.qtastudio.serve.ServeStats;

/**
 * Binds the Serve screen to its view model. Keyboard: Alt+S starts (so does Enter in a port, host or budget field), Alt+P
 * stops, Esc cancels a start, Alt+N opens the logged queries in Annotate; the address fields select and copy as any
 * text field (Ctrl+C).
 */
public final class ServeView {

    /** One figure of the served search: its caption, what it says, and its value. */
    private record Figure(String id, String caption, String tip, Function<ServeStats, String> value) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("requests", "Requests", "Searches answered or refused since Start", s -> String.format(Locale.ROOT, "%,d", s.requests())),
            new Figure("errors", "Errors", "Searches refused (an unknown namespace, bad input) or failed", s -> String.format(Locale.ROOT, "%,d", s.errors())),
            new Figure("fallbacks", "Without rewriter", "Searches answered by the retriever alone although a rewriter is served: "
                    + "over the latency budget, no rewrite, or the rewriter failed", s -> String.format(Locale.ROOT, "%,d", s.fallbacks())),
            new Figure("rate", "Requests/s", "Requests per second over the last ten seconds", s -> String.format(Locale.ROOT, "%.1f", s.requestsPerSecond())),
            new Figure("p50", "p50 latency", "Median search time since Start (the server's own time, without the network)",
                    s -> millis(s.p50Millis())),
            new Figure("p90", "p90 latency", "90th percentile search time since Start", s -> millis(s.p90Millis())),
            new Figure("p99", "p99 latency", "99th percentile search time since Start", s -> millis(s.p99Millis())));

    private final ServeViewModel model;
    private final ObservableList<Catalog> catalogs;

    @FXML
    private Label serveCatalogLabel;
    @FXML
    private ChoiceBox<Catalog> serveCatalogChoice;
    @FXML
    private Button serveStartButton;
    @FXML
    private Button serveStopButton;
    @FXML
    private Label stateLabel;
    @FXML
    private Label serveStartProblemLabel;
    @FXML
    private HBox serveWorkBox;
    @FXML
    private ProgressBar serveWorkProgress;
    @FXML
    private Button serveCancelButton;
    @FXML
    private Label serveWorkLabel;
    @FXML
    private VBox serveSettingsBox;
    @FXML
    private VBox serveRetrieverBox;
    @FXML
    private Label rewriterLabel;
    @FXML
    private ChoiceBox<AlignStore.AlignRun> rewriterChoice;
    @FXML
    private ChoiceBox<ServeConfig.RewriteUse> rewriteUseChoice;
    @FXML
    private Label latencyLabel;
    @FXML
    private TextField latencyField;
    @FXML
    private CheckBox logCheck;
    @FXML
    private Label logNote;
    @FXML
    private FlowPane howPane;
    @FXML
    private CheckBox jsonCheck;
    @FXML
    private TextField jsonPortField;
    @FXML
    private CheckBox mcpCheck;
    @FXML
    private TextField mcpPortField;
    @FXML
    private Label hostLabel;
    @FXML
    private TextField hostField;
    @FXML
    private Label hostWarningLabel;
    @FXML
    private TextField jsonAddressField;
    @FXML
    private Button copyJsonButton;
    @FXML
    private TextField mcpAddressField;
    @FXML
    private Button copyMcpButton;
    @FXML
    private Label servedLabel;
    @FXML
    private Label usageLabel;
    @FXML
    private FlowPane figuresPane;
    @FXML
    private Label loggedTitleLabel;
    @FXML
    private Button annotateButton;
    @FXML
    private TableView<LoggedRow> loggedTable;
    @FXML
    private TableColumn<LoggedRow, String> loggedTimeColumn;
    @FXML
    private TableColumn<LoggedRow, String> loggedQueryColumn;
    @FXML
    private TableColumn<LoggedRow, String> loggedRewriteColumn;
    @FXML
    private TableColumn<LoggedRow, String> loggedToolsColumn;
    @FXML
    private TableColumn<LoggedRow, String> loggedLatencyColumn;
    @FXML
    private Label serveMessageLabel;

    public ServeView(ServeViewModel model, ObservableList<Catalog> catalogs) {
        this.model = model;
        this.catalogs = catalogs;
    }

    @FXML
    private void initialize() {
        Labels.mnemonic(serveCatalogLabel, serveCatalogChoice);
        Labels.mnemonic(rewriterLabel, rewriterChoice);
        Labels.mnemonic(latencyLabel, latencyField);
        Labels.mnemonic(hostLabel, hostField);
        bindControls();
        bindSettings();
        bindServing();
        bindLoggedQueries();
        serveMessageLabel.textProperty().bind(model.messageProperty());
        serveMessageLabel.styleProperty().bind(Bindings.when(model.errorProperty()).then("-fx-text-fill: -color-danger-fg;").otherwise(""));
    }

    private void bindControls() {
        BooleanBinding stopped = model.stateProperty().isEqualTo(ServeViewModel.State.STOPPED);
        serveCatalogChoice.setItems(catalogs);
        serveCatalogChoice.setConverter(Labels.of(Catalog::name));
        serveCatalogChoice.valueProperty().bindBidirectional(model.catalogProperty());
        serveCatalogChoice.disableProperty().bind(stopped.not());
        serveStartButton.setOnAction(e -> model.start());
        serveStartButton.disableProperty().bind(stopped.not().or(model.startProblemProperty().isNotEmpty()));
        serveStopButton.setOnAction(e -> model.stop());
        serveStopButton.disableProperty().bind(model.stateProperty().isNotEqualTo(ServeViewModel.State.RUNNING));
        stateLabel.textProperty().bind(model.stateProperty().asString());
        stateLabel.styleProperty().bind(Bindings.when(model.stateProperty().isEqualTo(ServeViewModel.State.RUNNING))
                .then("-fx-text-fill: -color-success-fg;").otherwise(""));
        serveStartProblemLabel.textProperty().bind(model.startProblemProperty());
        showWhen(serveStartProblemLabel, stopped.and(model.startProblemProperty().isNotEmpty()));
        showWhen(serveWorkBox, model.workingProperty());
        serveCancelButton.setOnAction(e -> model.cancel());
        model.workProperty().addListener((obs, old, task) -> track(task));
        // Esc (cancel the start) is the window's: it cancels the work of the screen in front wherever the focus is
    }

    private void track(Task<?> task) {
        serveWorkProgress.progressProperty().unbind();
        serveWorkLabel.textProperty().unbind();
        if (task != null) {
            serveWorkProgress.progressProperty().bind(task.progressProperty());
            serveWorkLabel.textProperty().bind(task.messageProperty());
        }
    }

    private void bindSettings() {
        ServeForm form = model.form();
        BooleanBinding notStopped = model.stateProperty().isNotEqualTo(ServeViewModel.State.STOPPED);
        // the settings apply at Start: while a server runs they show what it serves
        serveSettingsBox.disableProperty().bind(notStopped);
        howPane.disableProperty().bind(notStopped);
        logCheck.disableProperty().bind(notStopped);
        showWhen(logNote, notStopped.not()); // it helps decide before Start; the logged queries' title says it later
        serveRetrieverBox.getChildren().add(RetrieverForm.load(form.retriever(), "serve-"));
        rewriterChoice.setItems(model.alignRuns());
        rewriterChoice.setConverter(Labels.of(r -> "Run #" + r.id() + " " + r.name(), "None: the retriever alone"));
        rewriterChoice.valueProperty().bindBidirectional(form.alignRunProperty());
        rewriteUseChoice.getItems().setAll(ServeConfig.RewriteUse.values());
        rewriteUseChoice.setConverter(Labels.of(u -> u == ServeConfig.RewriteUse.fusion ? "query and rewrite fused (RRF)" : "the rewrite alone"));
        rewriteUseChoice.valueProperty().bindBidirectional(form.rewriteUseProperty());
        BooleanBinding noRewriter = form.alignRunProperty().isNull();
        rewriteUseChoice.disableProperty().bind(noRewriter);
        latencyField.disableProperty().bind(noRewriter);
        latencyField.textProperty().bindBidirectional(form.latencyBudgetProperty());
        logCheck.selectedProperty().bindBidirectional(form.logQueriesProperty());
        jsonCheck.selectedProperty().bindBidirectional(form.jsonApiProperty());
        jsonPortField.textProperty().bindBidirectional(form.jsonApiPortProperty());
        jsonPortField.disableProperty().bind(form.jsonApiProperty().not());
        mcpCheck.selectedProperty().bindBidirectional(form.mcpProperty());
        mcpPortField.textProperty().bindBidirectional(form.mcpPortProperty());
        mcpPortField.disableProperty().bind(form.mcpProperty().not());
        hostField.textProperty().bindBidirectional(form.hostProperty());
        hostWarningLabel.textProperty().bind(model.hostWarningProperty());
        showWhen(hostWarningLabel, model.hostWarningProperty().isNotEmpty());
        for (TextField port : List.of(jsonPortField, mcpPortField)) {
            port.setTooltip(new Tooltip("0 picks a free port; the address shows once serving"));
        }
        hostField.setTooltip(new Tooltip("127.0.0.1: this machine alone"));
        for (TextField field : List.of(latencyField, jsonPortField, mcpPortField, hostField)) {
            field.setOnAction(e -> model.start());
        }
    }

    private void bindServing() {
        BooleanBinding running = model.stateProperty().isEqualTo(ServeViewModel.State.RUNNING);
        address(jsonAddressField, copyJsonButton, model.jsonApiAddressProperty(), running);
        address(mcpAddressField, copyMcpButton, model.mcpAddressProperty(), running);
        servedLabel.textProperty().bind(Bindings.when(model.servedProperty().isEmpty()).then("—").otherwise(model.servedProperty()));
        usageLabel.textProperty().bind(Bindings.createStringBinding(() -> usage(model.jsonApiAddressProperty().get(),
                model.mcpAddressProperty().get()), model.jsonApiAddressProperty(), model.mcpAddressProperty()));
        for (Figure f : FIGURES) {
            Label value = new Label();
            value.setId("figure-" + f.id());
            value.getStyleClass().add("title-3");
            value.setMinWidth(Region.USE_PREF_SIZE);
            value.textProperty().bind(Bindings.createStringBinding(() -> model.statsProperty().get() == null ? "—"
                    : f.value().apply(model.statsProperty().get()), model.statsProperty()));
            Label caption = new Label(f.caption());
            caption.getStyleClass().add("text-muted");
            caption.setMinWidth(Region.USE_PREF_SIZE);
            caption.setPrefWidth(118); // the tiles line up; a long value widens its tile instead of being cut
            VBox tile = new VBox(2, value, caption);
            tile.setMinWidth(Region.USE_PREF_SIZE);
            Tooltip.install(tile, new Tooltip(f.tip()));
            figuresPane.getChildren().add(tile);
        }
    }

    private static void address(TextField field, Button copy, javafx.beans.value.ObservableStringValue address,
                                BooleanBinding running) {
        field.textProperty().bind(address);
        field.promptTextProperty().bind(Bindings.when(running).then("not served").otherwise("not serving"));
        copy.disableProperty().bind(Bindings.createBooleanBinding(() -> address.get().isEmpty(), address));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(address.get());
            Clipboard.getSystemClipboard().setContent(content);
        });
    }

    /** How agents reach what is served, in a line; what Start does while nothing is. */
    static String usage(String jsonApi, String mcp) {
        if (jsonApi.isEmpty() && mcp.isEmpty()) {
            return "Start serves the catalog's tool search to agents; the addresses to give them show here.";
        }
        String http = "agents POST {\"query\": \"…\", \"k\": 5} to " + jsonApi + "v1/tool-search (described by openapi.json)";
        String mcpClients = "MCP clients add the endpoint as a streamable HTTP server (tool search_tools)";
        String both = jsonApi.isEmpty() ? mcpClients : mcp.isEmpty() ? http : http + "; " + mcpClients;
        return Character.toUpperCase(both.charAt(0)) + both.substring(1) + ".";
    }

    private void bindLoggedQueries() {
        loggedTitleLabel.textProperty().bind(model.loggedTitleProperty());
        annotateButton.setOnAction(e -> model.labelLoggedQueries());
        annotateButton.disableProperty().bind(model.loggedCatalogProperty().isNull());
        annotateButton.setTooltip(new Tooltip("Open the Annotate screen on this catalog's unlabelled queries, the logged ones among them"));
        loggedTable.setItems(model.logged());
        loggedTable.setPlaceholder(new Label("No logged queries: tick Log queries before Start to keep what agents search for."));
        loggedTimeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().time()));
        loggedQueryColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().query()));
        loggedQueryColumn.setCellFactory(col -> Cells.textWithTooltip());
        loggedRewriteColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().rewrite()));
        loggedRewriteColumn.setCellFactory(col -> Cells.textWithTooltip());
        loggedToolsColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().tools()));
        loggedToolsColumn.setCellFactory(col -> Cells.textWithTooltip());
        loggedLatencyColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().latency()));
        loggedLatencyColumn.setStyle("-fx-alignment: CENTER-RIGHT;");
    }

    /** Milliseconds with three significant digits or more: 0.84 ms, 12.3 ms, 209 ms. */
    static String millis(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.2f ms" : ms < 100 ? "%.1f ms" : "%.0f ms", ms);
    }

    private static void showWhen(javafx.scene.Node node, javafx.beans.value.ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }
}
