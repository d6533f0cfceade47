package org.qtastudio.app.baselines;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.qtastudio.app.Cells;
import org.qtastudio.app.Labels;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalService;
import org.qtastudio.eval.MetricComparison;

/**
 * Binds the Baselines screen to its view model. Keyboard: Alt+R runs, Esc cancels, Enter in the cutoffs
 * field runs, Tab moves through the form and the tables, Shift+arrows select two runs to compare.
 */
public final class BaselinesView {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    /** Where the metric columns go: after the run number and the retriever. */
    private static final int FIRST_METRIC_COLUMN = 2;

    private final BaselinesViewModel model;
    private final ObservableList<Catalog> catalogs;
    private boolean syncingSelection;

    @FXML
    private BorderPane root;
    @FXML
    private Label catalogLabel;
    @FXML
    private ChoiceBox<Catalog> catalogChoice;
    @FXML
    private Label scopeLabel;
    @FXML
    private ChoiceBox<EvalScope> scopeChoice;
    @FXML
    private Label cutoffsLabel;
    @FXML
    private TextField cutoffsField;
    @FXML
    private Button runButton;
    @FXML
    private ProgressBar runProgress;
    @FXML
    private Button cancelButton;
    @FXML
    private VBox retrieverBox;
    @FXML
    private TableView<EvalRun> runsTable;
    @FXML
    private TableColumn<EvalRun, Long> runIdColumn;
    @FXML
    private TableColumn<EvalRun, String> runWhenColumn;
    @FXML
    private TableColumn<EvalRun, String> runRetrieverColumn;
    @FXML
    private TableColumn<EvalRun, String> runQueriesColumn;
    @FXML
    private TableColumn<EvalRun, String> runSecondsColumn;
    @FXML
    private Label queriesTitle;
    @FXML
    private TableView<QueryRow> queryTable;
    @FXML
    private TableColumn<QueryRow, String> queryTextColumn;
    @FXML
    private TableColumn<QueryRow, String> goldToolsColumn;
    @FXML
    private TableColumn<QueryRow, String> goldRanksColumn;
    @FXML
    private TableColumn<QueryRow, Integer> worstRankColumn;
    @FXML
    private TableColumn<QueryRow, String> sufficientColumn;
    @FXML
    private Label compareMetricLabel;
    @FXML
    private ChoiceBox<String> compareMetricChoice;
    @FXML
    private Label winsLabel;
    @FXML
    private Label tiesLabel;
    @FXML
    private Label lossesLabel;
    @FXML
    private Label meansLabel;
    @FXML
    private Label pValueLabel;
    @FXML
    private Label comparisonLabel;
    @FXML
    private Label messageLabel;

    public BaselinesView(BaselinesViewModel model, ObservableList<Catalog> catalogs) {
        this.model = model;
        this.catalogs = catalogs;
    }

    @FXML
    private void initialize() {
        Labels.mnemonic(catalogLabel, catalogChoice);
        Labels.mnemonic(scopeLabel, scopeChoice);
        Labels.mnemonic(cutoffsLabel, cutoffsField);
        Labels.mnemonic(compareMetricLabel, compareMetricChoice);
        bindRunControls();
        bindRetrieverForm();
        bindRunsTable();
        bindQueryTable();
        bindComparison();
        messageLabel.textProperty().bind(model.messageProperty());
    }

    private void bindRunControls() {
        catalogChoice.setItems(catalogs);
        catalogChoice.setConverter(Labels.of(Catalog::name));
        catalogChoice.valueProperty().bindBidirectional(model.catalogProperty());
        scopeChoice.getItems().setAll(EvalScope.values());
        scopeChoice.valueProperty().bindBidirectional(model.scopeProperty());
        cutoffsField.textProperty().bindBidirectional(model.cutoffsProperty());
        cutoffsField.setOnAction(e -> model.runEvaluation());
        runButton.setOnAction(e -> model.runEvaluation());
        cancelButton.setOnAction(e -> model.cancel());
        model.evaluationProperty().addListener((obs, old, task) -> track(task));
        track(null);
        // Esc (cancel the evaluation) is the window's: it cancels the work of the screen in front wherever the focus is
    }

    private void track(Task<EvalService.Outcome> task) {
        runProgress.progressProperty().unbind();
        runProgress.visibleProperty().unbind();
        cancelButton.visibleProperty().unbind();
        runButton.disableProperty().unbind();
        if (task == null) {
            runProgress.setVisible(false);
            cancelButton.setVisible(false);
            runButton.setDisable(false);
            return;
        }
        runProgress.progressProperty().bind(task.progressProperty());
        runProgress.visibleProperty().bind(task.runningProperty());
        cancelButton.visibleProperty().bind(task.runningProperty());
        runButton.disableProperty().bind(task.runningProperty());
    }

    private void bindRetrieverForm() {
        retrieverBox.getChildren().add(RetrieverForm.load(model.settings(), ""));
    }

    private void bindRunsTable() {
        runsTable.setItems(model.runs());
        runsTable.setPlaceholder(new Label("No runs on this catalog yet: choose a retriever and press Run evaluation."));
        runsTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runIdColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().id()));
        // the two runs being compared are marked A and B (as the comparison names them) and tinted
        runIdColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Long id, boolean empty) {
                super.updateItem(id, empty);
                String role = empty || id == null ? "" : compareRole(getTableRow() == null ? null : getTableRow().getItem());
                setText(empty || id == null ? null : role.isEmpty() ? "#" + id : "#" + id + "  " + role);
                setStyle(role.isEmpty() ? "" : "-fx-font-weight: bold;");
            }
        });
        runsTable.setRowFactory(table -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(EvalRun run, boolean empty) {
                super.updateItem(run, empty);
                String role = empty ? "" : compareRole(run);
                getStyleClass().removeAll("compare-a", "compare-b");
                if (!role.isEmpty()) {
                    getStyleClass().add(role.equals("A") ? "compare-a" : "compare-b");
                }
            }
        });
        runWhenColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(WHEN.format(c.getValue().createdAt())));
        runRetrieverColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().spec().describe()));
        runRetrieverColumn.setCellFactory(col -> Cells.textWithTooltip());
        runQueriesColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().queryCount() + (c.getValue().split() == null ? " (all)" : " (" + c.getValue().split() + ")")));
        runSecondsColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                String.format(Locale.ROOT, "%.1f", c.getValue().wallMillis() / 1000.0)));
        model.metricLabels().addListener((ListChangeListener<String>) c -> rebuildMetricColumns());
        rebuildMetricColumns();

        runsTable.getSelectionModel().getSelectedIndices().addListener((ListChangeListener<Integer>) c -> {
            if (!syncingSelection) {
                syncingSelection = true;
                List<EvalRun> selected = runsTable.getSelectionModel().getSelectedIndices().stream().sorted()
                        .filter(i -> i >= 0 && i < runsTable.getItems().size()).map(runsTable.getItems()::get).toList();
                model.selectedRuns().setAll(selected);
                syncingSelection = false;
            }
        });
        model.selectedRuns().addListener((ListChangeListener<EvalRun>) c -> runsTable.refresh());
        model.selectedRuns().addListener((ListChangeListener<EvalRun>) c -> {
            if (!syncingSelection) {
                syncingSelection = true;
                runsTable.getSelectionModel().clearSelection();
                model.selectedRuns().forEach(run -> runsTable.getSelectionModel().select(run));
                if (!model.selectedRuns().isEmpty()) {
                    runsTable.scrollTo(model.selectedRuns().getFirst());
                }
                syncingSelection = false;
            }
        });
    }

    /** "A" or "B" for the two runs being compared, else empty. */
    private String compareRole(EvalRun run) {
        if (run == null || model.selectedRuns().size() != 2) {
            return "";
        }
        return run.equals(model.selectedRuns().get(0)) ? "A" : run.equals(model.selectedRuns().get(1)) ? "B" : "";
    }

    private void rebuildMetricColumns() {
        runsTable.getColumns().removeIf(c -> c.getId() != null && c.getId().startsWith("metric-"));
        int at = FIRST_METRIC_COLUMN;
        for (String label : model.metricLabels()) {
            TableColumn<EvalRun, Double> column = new TableColumn<>(label + " (%)");
            Label header = new Label(label + "\n(%)"); // two lines: the unit never costs the name its room
            header.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            header.setTooltip(new Tooltip(label + ": the mean over the run's queries, in percent (0 to 100)"));
            column.setText(null);
            column.setGraphic(header);
            column.setId("metric-" + label);
            header.setMinWidth(Region.USE_PREF_SIZE); // the header names the metric in full, never "NDCG..."
            column.setMinWidth(120);
            column.setPrefWidth(120);
            column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().metrics().get(label)));
            column.setCellFactory(col -> new TableCell<>() {
                @Override
                protected void updateItem(Double value, boolean empty) {
                    super.updateItem(value, empty);
                    setText(empty ? null : value == null ? "—" : BaselinesViewModel.formatPercent(value));
                }
            });
            column.setStyle("-fx-alignment: CENTER-RIGHT;");
            runsTable.getColumns().add(at++, column);
        }
    }

    private void bindQueryTable() {
        queryTable.setItems(model.queryRows());
        queryTable.setPlaceholder(new Label("Select a run to see where each query's gold tools ranked."));
        queryTextColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().text()));
        goldToolsColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().goldTools()));
        goldRanksColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().goldRanks()));
        worstRankColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().worstRank()));
        worstRankColumn.setCellFactory(col -> Cells.rank());
        worstRankColumn.setStyle("-fx-alignment: CENTER-RIGHT;");
        sufficientColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().sufficientAt10() ? "✓" : "✗"));
        sufficientColumn.setStyle("-fx-alignment: CENTER;");
        queriesTitle.textProperty().bind(Bindings.createStringBinding(() -> {
            EvalRun run = model.shownRunProperty().get();
            return run == null ? "Per-query ranks" : "Per-query ranks of run #" + run.id() + " (" + model.queryRows().size() + " queries)";
        }, model.shownRunProperty(), model.queryRows()));
    }

    private void bindComparison() {
        compareMetricChoice.setItems(model.compareMetrics());
        compareMetricChoice.valueProperty().bindBidirectional(model.compareMetricProperty());
        compareMetricChoice.disableProperty().bind(Bindings.size(model.selectedRuns()).isNotEqualTo(2));
        comparisonLabel.textProperty().bind(model.comparisonTextProperty());
        model.comparisonProperty().addListener((obs, old, r) -> showComparison(r));
        showComparison(null);
    }

    private void showComparison(MetricComparison r) {
        winsLabel.setText(r == null ? "—" : String.valueOf(r.wins()));
        tiesLabel.setText(r == null ? "—" : String.valueOf(r.ties()));
        lossesLabel.setText(r == null ? "—" : String.valueOf(r.losses()));
        meansLabel.setText(r == null ? "—" : BaselinesViewModel.formatPercent(r.meanA()) + " / " + BaselinesViewModel.formatPercent(r.meanB()));
        pValueLabel.setText(r == null ? "—" : BaselinesViewModel.formatPValue(r.pValue()));
    }
}
