package org.qtastudio.app.results;

import java.io.File;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.NumberBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.FileChooser;
import org.qtastudio.app.Cells;
import org.qtastudio.app.Labels;
import org.qtastudio.app.baselines.BaselinesViewModel;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.MetricComparison;

/**
 * Binds the Results screen to its view model: the pair of runs, the metric deltas, the per-query table with its
 * filters, the rank-change chart and the detail pane. Keyboard: Alt+G, Alt+B and Alt+E choose the catalog and
 * the before and after runs, Alt+W swaps them, F5 reloads the runs, Alt+X exports; Alt+L, Alt+I, Alt+O and
 * Alt+U filter all, improved, worsened or unchanged queries; Alt+S and Alt+Y focus the metric and query tables,
 * where the arrow keys move the detail pane from query to query.
 *
 * <p>The screen's root carries the view model as its user data, so tests reach the export without a file dialog.
 */
public final class ResultsView {

    /** Height of a table's column header and borders, for sizing the metric table to its rows. */
    private static final double TABLE_HEADER = 40;

    private final ResultsViewModel model;
    private final ObservableList<Catalog> catalogs;
    private final Map<Change, ToggleButton> filterButtons = new EnumMap<>(Change.class);
    private boolean syncingSelection;

    @FXML
    private BorderPane resultsRoot;
    @FXML
    private Label resultsCatalogLabel;
    @FXML
    private ChoiceBox<Catalog> resultsCatalogChoice;
    @FXML
    private Label beforeLabel;
    @FXML
    private ChoiceBox<EvalRun> beforeChoice;
    @FXML
    private Label afterLabel;
    @FXML
    private ChoiceBox<EvalRun> afterChoice;
    @FXML
    private Button swapButton;
    @FXML
    private Button refreshButton;
    @FXML
    private Button exportButton;
    @FXML
    private Label metricsTitle;
    @FXML
    private TableView<MetricComparison> metricsTable;
    @FXML
    private TableColumn<MetricComparison, MetricComparison> metricColumn;
    @FXML
    private TableColumn<MetricComparison, MetricComparison> beforeMeanColumn;
    @FXML
    private TableColumn<MetricComparison, MetricComparison> afterMeanColumn;
    @FXML
    private TableColumn<MetricComparison, MetricComparison> deltaColumn;
    @FXML
    private TableColumn<MetricComparison, MetricComparison> betterColumn;
    @FXML
    private TableColumn<MetricComparison, MetricComparison> equalColumn;
    @FXML
    private TableColumn<MetricComparison, MetricComparison> worseColumn;
    @FXML
    private TableColumn<MetricComparison, MetricComparison> pValueColumn;
    @FXML
    private Label changesTitle;
    @FXML
    private ToggleButton allToggle;
    @FXML
    private ToggleButton improvedToggle;
    @FXML
    private ToggleButton worsenedToggle;
    @FXML
    private ToggleButton unchangedToggle;
    @FXML
    private TableView<QueryChange> changesTable;
    @FXML
    private TableColumn<QueryChange, String> queryColumn;
    @FXML
    private TableColumn<QueryChange, Integer> rankBeforeColumn;
    @FXML
    private TableColumn<QueryChange, Integer> rankAfterColumn;
    @FXML
    private TableColumn<QueryChange, QueryChange> changeColumn;
    @FXML
    private RankChangeChart rankChart;
    @FXML
    private NumberAxis beforeAxis;
    @FXML
    private NumberAxis afterAxis;
    @FXML
    private Label goldLabel;
    @FXML
    private Label beforeTitle;
    @FXML
    private Label afterTitle;
    @FXML
    private TextFlow beforeFlow;
    @FXML
    private TextFlow afterFlow;
    @FXML
    private Label beforeShared;
    @FXML
    private Label afterShared;
    @FXML
    private Label resultsMessage;

    public ResultsView(ResultsViewModel model, ObservableList<Catalog> catalogs) {
        this.model = model;
        this.catalogs = catalogs;
    }

    @FXML
    private void initialize() {
        Labels.mnemonic(resultsCatalogLabel, resultsCatalogChoice);
        Labels.mnemonic(beforeLabel, beforeChoice);
        Labels.mnemonic(afterLabel, afterChoice);
        Labels.mnemonic(metricsTitle, metricsTable);
        Labels.mnemonic(changesTitle, changesTable);
        bindRunChoices();
        bindMetrics();
        bindFilters();
        bindChanges();
        bindChart();
        model.selectedProperty().addListener((obs, old, q) -> showDetail(q));
        showDetail(null);
        resultsMessage.textProperty().bind(model.messageProperty());
    }

    private void bindRunChoices() {
        resultsCatalogChoice.setItems(catalogs);
        resultsCatalogChoice.setConverter(Labels.of(Catalog::name));
        resultsCatalogChoice.valueProperty().bindBidirectional(model.catalogProperty());
        for (ChoiceBox<EvalRun> choice : List.of(beforeChoice, afterChoice)) {
            choice.setItems(model.runs());
            choice.setConverter(Labels.of(ResultsView::describeShort));
            choice.valueProperty().addListener((obs, old, run) -> choice.setTooltip(run == null ? null : new Tooltip(describe(run))));
        }
        beforeChoice.valueProperty().bindBidirectional(model.beforeProperty());
        afterChoice.valueProperty().bindBidirectional(model.afterProperty());
        swapButton.setOnAction(e -> model.swap());
        refreshButton.setOnAction(e -> model.refreshRuns());
        exportButton.setOnAction(e -> chooseAndExport());
        exportButton.disableProperty().bind(model.comparisonProperty().isNull());
        resultsRoot.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F5) {
                model.refreshRuns();
                e.consume();
            }
        });
    }

    /** A run as the choices show it: its number, what it searched with, and the retriever. */
    /** The run in a few words, for the choice boxes (their tooltip has {@link #describe}): number, queries, retriever, split. */
    static String describeShort(EvalRun run) {
        return "#" + run.id() + " " + upToParenthesis(run.queries()) + " · " + upToParenthesis(run.spec().describe())
                + (run.split() == null ? "" : " · " + run.split());
    }

    private static String upToParenthesis(String text) {
        int cut = text == null ? -1 : text.indexOf(" (");
        return cut < 0 ? String.valueOf(text) : text.substring(0, cut);
    }

    static String describe(EvalRun run) {
        return "#" + run.id() + " " + run.queries() + " · " + run.spec().describe() + (run.split() == null ? "" : " · " + run.split());
    }

    private void bindMetrics() {
        metricsTable.setPlaceholder(new Label("Choose a before and an after run to compare their metrics."));
        // tall enough for every metric row (7 for two cutoffs) without a scroll bar, and no taller
        NumberBinding fit = Bindings.max(7, Bindings.size(metricsTable.getItems())).multiply(metricsTable.getFixedCellSize())
                .add(TABLE_HEADER);
        metricsTable.minHeightProperty().bind(fit);
        metricsTable.prefHeightProperty().bind(fit);
        metricsTable.maxHeightProperty().bind(fit);
        model.comparisonProperty().addListener((obs, old, c) -> metricsTable.getItems().setAll(c == null ? List.of() : c.metrics()));
        column(metricColumn, r -> r.metric().label(), null);
        column(beforeMeanColumn, r -> BaselinesViewModel.formatPercent(r.meanB()), null);
        column(afterMeanColumn, r -> BaselinesViewModel.formatPercent(r.meanA()), null);
        column(deltaColumn, r -> formatDelta(r.meanA() - r.meanB()),
                r -> r.meanA() > r.meanB() ? Change.IMPROVED : r.meanA() < r.meanB() ? Change.WORSENED : Change.UNCHANGED);
        column(betterColumn, r -> String.valueOf(r.wins()), null);
        column(equalColumn, r -> String.valueOf(r.ties()), null);
        column(worseColumn, r -> String.valueOf(r.losses()), null);
        column(pValueColumn, r -> BaselinesViewModel.formatPValue(r.pValue()), null);
    }

    /** A metric difference in points, signed: {@code +3.33}, {@code -1.11}, {@code +0.00}. */
    public static String formatDelta(double points) {
        return String.format(Locale.ROOT, "%+.2f", points);
    }

    /** A read-only, unsorted column of rows shown as {@code text}; {@code tone} (may be null) colours a cell better or worse. */
    private static <T> void column(TableColumn<T, T> column, Function<T, String> text, Function<T, Change> tone) {
        column.setSortable(false);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : text.apply(row));
                setTone(this, tone == null || empty || row == null ? Change.UNCHANGED : tone.apply(row));
            }
        });
    }

    private static void setTone(TableCell<?, ?> cell, Change change) {
        cell.getStyleClass().removeAll(Change.IMPROVED.id(), Change.WORSENED.id());
        if (change != Change.UNCHANGED) {
            cell.getStyleClass().add(change.id());
        }
    }

    private void bindFilters() {
        ToggleGroup group = new ToggleGroup();
        filterButtons.put(Change.IMPROVED, improvedToggle);
        filterButtons.put(Change.WORSENED, worsenedToggle);
        filterButtons.put(Change.UNCHANGED, unchangedToggle);
        allToggle.setToggleGroup(group);
        allToggle.setUserData(null);
        filterButtons.forEach((change, button) -> {
            button.setToggleGroup(group);
            button.setUserData(change);
        });
        for (ToggleButton button : List.of(allToggle, improvedToggle, worsenedToggle, unchangedToggle)) {
            button.setMinWidth(Region.USE_PREF_SIZE); // counts stay readable
        }
        group.selectToggle(allToggle);
        group.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle == null) {
                group.selectToggle(old); // one filter is always on: pressing it again keeps it
            } else {
                model.filterProperty().set((Change) toggle.getUserData());
            }
        });
        model.filterProperty().addListener((obs, old, f) -> group.selectToggle(f == null ? allToggle : filterButtons.get(f)));
        model.comparisonProperty().addListener((obs, old, c) -> labelFilters(c));
        labelFilters(null);
    }

    private void labelFilters(BeforeAfter c) {
        allToggle.setText("A_ll" + (c == null ? "" : " (" + c.queries().size() + ")"));
        filterButtons.forEach((change, button) -> {
            String label = switch (change) {
                case IMPROVED -> "Im_proved";
                case WORSENED -> "W_orsened";
                case UNCHANGED -> "_Unchanged";
            };
            button.setText(label + (c == null ? "" : " (" + c.count(change) + ")"));
        });
    }

    private void bindChanges() {
        changesTable.setItems(model.shownQueries());
        changesTable.setPlaceholder(new Label("No queries to show."));
        queryColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper((c.getValue().fallback() ? "⚠ " : "") + c.getValue().beforeText()));
        queryColumn.setCellFactory(col -> Cells.textWithTooltip((q, text) -> q != null && q.fallback()
                ? text.substring(2) + "\n⚠ " + QueryChange.FALLBACK : text));
        rankBeforeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().worstRankBefore()));
        rankAfterColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().worstRankAfter()));
        rankBeforeColumn.setCellFactory(col -> Cells.rank());
        rankAfterColumn.setCellFactory(col -> Cells.rank());
        rankBeforeColumn.setStyle("-fx-alignment: CENTER-RIGHT;");
        rankAfterColumn.setStyle("-fx-alignment: CENTER-RIGHT;");
        changeColumn.setStyle("-fx-alignment: CENTER-RIGHT;");
        changeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        changeColumn.setComparator(Comparator.comparingInt(QueryChange::gain));
        changeColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(QueryChange q, boolean empty) {
                super.updateItem(q, empty);
                setText(empty || q == null ? null : formatGain(q.gain()));
                setTone(this, empty || q == null ? Change.UNCHANGED : q.change());
            }
        });
        changesTable.getSelectionModel().selectedItemProperty().addListener((obs, old, q) -> {
            if (!syncingSelection && q != null) {
                syncingSelection = true;
                model.selectedProperty().set(q);
                syncingSelection = false;
            }
        });
        model.selectedProperty().addListener((obs, old, q) -> {
            if (!syncingSelection) {
                syncingSelection = true;
                if (q == null) {
                    changesTable.getSelectionModel().clearSelection();
                } else {
                    changesTable.getSelectionModel().select(q);
                    changesTable.scrollTo(q);
                }
                syncingSelection = false;
            }
        });
    }

    /** Places gained (▲) or lost (▼) by the worst gold rank. */
    static String formatGain(int gain) {
        return gain > 0 ? "▲ " + gain : gain < 0 ? "▼ " + -gain : "=";
    }

    private void bindChart() {
        rankChart.setOnPick(this::select);
        model.queries().addListener((ListChangeListener<QueryChange>) c -> rankChart.show(model.queries()));
        model.comparisonProperty().addListener((obs, old, c) -> {
            beforeAxis.setLabel(c == null ? "before" : "before (run #" + c.before().id() + ")");
            afterAxis.setLabel(c == null ? "after" : "after (run #" + c.after().id() + ")");
        });
    }

    /** Shows a query picked on the chart, clearing a filter that hides it. */
    private void select(QueryChange q) {
        if (!model.shownQueries().contains(q)) {
            model.filterProperty().set(null);
        }
        model.selectedProperty().set(q);
    }

    private void showDetail(QueryChange q) {
        BeforeAfter c = model.comparisonProperty().get();
        if (q == null || c == null) {
            goldLabel.setText("Select a query to see its text before and after, with the words it shares with its gold tools.");
            for (Label l : List.of(beforeTitle, afterTitle, beforeShared, afterShared)) {
                l.setText("");
            }
            beforeFlow.getChildren().clear();
            afterFlow.getChildren().clear();
            return;
        }
        goldLabel.setText("Query " + q.key() + " · gold tools: " + String.join(", ", q.gold()));
        beforeTitle.setText("Before (run #" + c.before().id() + "): worst gold rank " + q.worstRankBefore());
        afterTitle.setText("After (run #" + c.after().id() + "): worst gold rank " + q.worstRankAfter() + " (" + formatGain(q.gain()) + ")"
                + (q.fallback() && BeforeAfter.isRewrite(c.after()) ? " · ⚠ " + QueryChange.FALLBACK : ""));
        if (q.fallback() && BeforeAfter.isRewrite(c.before())) {
            beforeTitle.setText(beforeTitle.getText() + " · ⚠ " + QueryChange.FALLBACK);
        }
        fill(beforeFlow, q.beforeWords());
        fill(afterFlow, q.afterWords());
        beforeShared.setText(describeShared(q.beforeWords()));
        afterShared.setText(describeShared(q.afterWords()));
    }

    private static void fill(TextFlow flow, List<SharedWords.Segment> segments) {
        flow.getChildren().setAll(segments.stream().map(s -> {
            Text text = new Text(s.text());
            text.getStyleClass().add(s.shared() ? "shared-word" : "plain-word");
            return text;
        }).toList());
    }

    private static String describeShared(List<SharedWords.Segment> segments) {
        List<String> words = SharedWords.words(segments);
        return words.isEmpty() ? "No word in common with the gold tools." : "In common with the gold tools: " + String.join(", ", words);
    }

    private void chooseAndExport() {
        BeforeAfter c = model.comparisonProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the comparison query by query");
        FileChooser.ExtensionFilter jsonl = new FileChooser.ExtensionFilter("JSON Lines (*.jsonl)", "*.jsonl");
        FileChooser.ExtensionFilter csv = new FileChooser.ExtensionFilter("CSV (*.csv)", "*.csv");
        chooser.getExtensionFilters().addAll(jsonl, csv);
        chooser.setInitialFileName("results-run" + c.before().id() + "-vs-run" + c.after().id() + ".jsonl");
        File file = chooser.showSaveDialog(resultsRoot.getScene().getWindow());
        if (file == null) {
            return;
        }
        if (chooser.getSelectedExtensionFilter() == csv && !file.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            file = new File(file.getPath() + ".csv");
        }
        model.export(file.toPath());
    }
}
