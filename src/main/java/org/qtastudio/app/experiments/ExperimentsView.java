package org.qtastudio.app.experiments;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;
import org.qtastudio.app.Cells;
import org.qtastudio.app.Labels;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.experiment.ExperimentSpec;
import org.qtastudio.experiment.ExperimentStore;

/**
 * Binds the Experiments screen to its view model: the new-experiment form on the left, the experiments and the selected
 * one's cells at the top right, its chart (or transfer matrix) below them. Keyboard: Alt+N, Alt+K, Alt+A, Alt+M, Alt+Z,
 * Alt+G, Alt+V and Alt+E reach the form's fields and Alt+C creates the experiment; Alt+X and Alt+L focus the experiments
 * and the cells tables, Alt+T the metric; Alt+R runs the selected experiment, Alt+U resumes it and Esc cancels it after
 * the current step; Enter in the cells table (or Alt+O) opens the selected done cell in Results, as a click on a chart
 * point or a matrix cell does. Space ticks a catalog in the catalog list.
 */
public final class ExperimentsView {

    private final ExperimentsViewModel model;
    private final ObservableList<Catalog> catalogs;
    private boolean syncingSelection;
    private long selectedCellId = -1;

    @FXML
    private Label nameLabel;
    @FXML
    private TextField nameField;
    @FXML
    private Label experimentKindLabel;
    @FXML
    private ChoiceBox<ExperimentSpec.Kind> experimentKindChoice;
    @FXML
    private Label catalogsLabel;
    @FXML
    private ListView<Catalog> catalogsList;
    @FXML
    private Label modelsLabel;
    @FXML
    private TextField modelsField;
    @FXML
    private Label sizesLabel;
    @FXML
    private TextField sizesField;
    @FXML
    private Label settingLabel;
    @FXML
    private ChoiceBox<String> settingChoice;
    @FXML
    private Label valuesLabel;
    @FXML
    private TextField valuesField;
    @FXML
    private Label seedsLabel;
    @FXML
    private TextField seedsField;
    @FXML
    private Label kindHint;
    @FXML
    private Label fixedLabel;
    @FXML
    private Label planLabel;
    @FXML
    private Label problemLabel;
    @FXML
    private Button createButton;
    @FXML
    private Button experimentRunButton;
    @FXML
    private Button experimentResumeButton;
    @FXML
    private Button openButton;
    @FXML
    private Label remainingLabel;
    @FXML
    private VBox experimentWorkBox;
    @FXML
    private ProgressBar experimentWorkProgress;
    @FXML
    private Button experimentCancelButton;
    @FXML
    private Label queueLabel;
    @FXML
    private Label experimentWorkLabel;
    @FXML
    private Label experimentsLabel;
    @FXML
    private TableView<ExperimentRow> experimentsTable;
    @FXML
    private TableColumn<ExperimentRow, String> experimentNameColumn;
    @FXML
    private TableColumn<ExperimentRow, String> experimentKindColumn;
    @FXML
    private TableColumn<ExperimentRow, String> experimentStateColumn;
    @FXML
    private Label cellsLabel;
    @FXML
    private TableView<ExperimentStore.Cell> cellsTable;
    @FXML
    private TableColumn<ExperimentStore.Cell, Integer> cellOrdinalColumn;
    @FXML
    private TableColumn<ExperimentStore.Cell, String> cellPointColumn;
    @FXML
    private TableColumn<ExperimentStore.Cell, Long> cellSeedColumn;
    @FXML
    private TableColumn<ExperimentStore.Cell, String> cellStatusColumn;
    @FXML
    private TableColumn<ExperimentStore.Cell, String> cellRunColumn;
    @FXML
    private TableColumn<ExperimentStore.Cell, String> cellErrorColumn;
    @FXML
    private Label metricLabel;
    @FXML
    private ChoiceBox<String> metricChoice;
    @FXML
    private Label chartHint;
    @FXML
    private Label noPointsLabel;
    @FXML
    private PointChart pointChart;
    @FXML
    private ScrollPane matrixScroll;
    @FXML
    private TransferMatrix transferMatrix;
    @FXML
    private Label experimentsMessage;

    public ExperimentsView(ExperimentsViewModel model, ObservableList<Catalog> catalogs) {
        this.model = model;
        this.catalogs = catalogs;
    }

    @FXML
    private void initialize() {
        Labels.mnemonic(nameLabel, nameField);
        Labels.mnemonic(experimentKindLabel, experimentKindChoice);
        Labels.mnemonic(catalogsLabel, catalogsList);
        Labels.mnemonic(modelsLabel, modelsField);
        Labels.mnemonic(sizesLabel, sizesField);
        Labels.mnemonic(settingLabel, settingChoice);
        Labels.mnemonic(valuesLabel, valuesField);
        Labels.mnemonic(seedsLabel, seedsField);
        Labels.mnemonic(experimentsLabel, experimentsTable);
        Labels.mnemonic(cellsLabel, cellsTable);
        Labels.mnemonic(metricLabel, metricChoice);
        bindForm();
        bindWork();
        bindExperiments();
        bindCells();
        bindCharts();
        experimentsMessage.textProperty().bind(model.messageProperty());
    }

    private void bindForm() {
        GridForm grid = model.grid();
        nameField.textProperty().bindBidirectional(grid.nameProperty());
        nameField.setOnAction(e -> grid.create());
        experimentKindChoice.getItems().setAll(ExperimentSpec.Kind.values());
        experimentKindChoice.setConverter(Labels.of(ExperimentsView::kindName));
        experimentKindChoice.valueProperty().bindBidirectional(grid.kindProperty());
        catalogsList.setItems(catalogs);
        catalogsList.setCellFactory(CheckBoxListCell.forListView(c -> grid.tick(c.name()), Labels.of(Catalog::name)));
        catalogsList.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            Catalog focused = catalogsList.getFocusModel().getFocusedItem();
            if (e.getCode() == KeyCode.SPACE && focused != null) {
                grid.tick(focused.name()).set(!grid.tick(focused.name()).get());
                e.consume();
            }
        });
        modelsField.textProperty().bindBidirectional(grid.modelsProperty());
        sizesField.textProperty().bindBidirectional(grid.sizesProperty());
        showFor(ExperimentSpec.Kind.data_efficiency, sizesLabel, sizesField);
        settingChoice.getItems().setAll(GridForm.SETTINGS);
        settingChoice.valueProperty().bindBidirectional(grid.settingProperty());
        valuesField.textProperty().bindBidirectional(grid.valuesProperty());
        valuesField.promptTextProperty().bind(Bindings.when(grid.settingProperty().isEqualTo("retriever"))
                .then("bm25, bm25-paper, dense, hybrid").otherwise("e.g. 0.05, 0.1, 0.5"));
        showFor(ExperimentSpec.Kind.settings, settingLabel, settingChoice, valuesLabel, valuesField);
        kindHint.textProperty().bind(Bindings.createStringBinding(() -> kindHint(grid.kindProperty().get()), grid.kindProperty()));
        seedsField.textProperty().bindBidirectional(grid.seedsProperty());
        fixedLabel.textProperty().bind(grid.fixedProperty());
        planLabel.textProperty().bind(grid.planProperty());
        Tooltip basis = new Tooltip();
        basis.setWrapText(true);
        basis.setMaxWidth(600);
        basis.textProperty().bind(grid.planDetailProperty());
        planLabel.setTooltip(basis);
        problemLabel.textProperty().bind(grid.problemProperty());
        problemLabel.visibleProperty().bind(problemLabel.textProperty().isNotEmpty());
        problemLabel.managedProperty().bind(problemLabel.visibleProperty());
        createButton.setOnAction(e -> grid.create());
        createButton.disableProperty().bind(grid.canCreateBinding().not());
    }

    /** Shows these fields (and their labels) only for experiments of {@code kind}. */
    private void showFor(ExperimentSpec.Kind kind, Node... nodes) {
        for (Node n : nodes) {
            n.visibleProperty().bind(model.grid().kindProperty().isEqualTo(kind));
            n.managedProperty().bind(n.visibleProperty());
        }
    }

    /** What an experiment of that kind runs, in a sentence. */
    static String kindHint(ExperimentSpec.Kind kind) {
        return kind == null ? "" : switch (kind) {
            case data_efficiency -> "One cell per size and seed: each seed draws that many of the catalog's training queries; "
                    + "size 0 is the base model, not aligned (one cell).";
            case transfer -> "Tick two or more catalogs: each trains a rewriter that is tested on every ticked catalog, beside "
                    + "the base model on each; one cell per seed.";
            case backbones -> "The same settings on each model folder (separate them with commas); one cell per model and seed.";
            case settings -> "The Align settings with one of them varied over the values; one cell per value and seed.";
        };
    }

    /** The kinds of experiment as the form names them. */
    static String kindName(ExperimentSpec.Kind kind) {
        return switch (kind) {
            case data_efficiency -> "Data efficiency";
            case transfer -> "Transfer";
            case backbones -> "Backbones";
            case settings -> "One setting";
        };
    }

    private void bindWork() {
        experimentRunButton.setOnAction(e -> model.run());
        experimentRunButton.disableProperty().bind(model.canRunBinding().not());
        experimentResumeButton.setOnAction(e -> model.resume());
        experimentResumeButton.disableProperty().bind(model.canResumeBinding().not());
        openButton.setOnAction(e -> openSelectedCell());
        openButton.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            ExperimentStore.Cell c = cellsTable.getSelectionModel().getSelectedItem();
            return c == null || c.rewriteEvalId() == null;
        }, cellsTable.getSelectionModel().selectedItemProperty()));
        remainingLabel.textProperty().bind(model.remainingProperty());
        Tooltip basis = new Tooltip();
        basis.setWrapText(true);
        basis.setMaxWidth(600);
        basis.textProperty().bind(model.remainingBasisProperty());
        remainingLabel.setTooltip(basis);
        experimentWorkBox.visibleProperty().bind(model.workingProperty());
        experimentWorkBox.managedProperty().bind(model.workingProperty());
        experimentCancelButton.setOnAction(e -> model.cancel());
        queueLabel.textProperty().bind(model.queueProperty());
        experimentWorkLabel.setTooltip(new Tooltip());
        model.workProperty().addListener((obs, old, task) -> track(task));
    }

    private void track(Task<?> task) {
        experimentWorkProgress.progressProperty().unbind();
        experimentWorkLabel.textProperty().unbind();
        experimentWorkLabel.getTooltip().textProperty().unbind();
        if (task != null) {
            experimentWorkProgress.progressProperty().bind(task.progressProperty());
            experimentWorkLabel.textProperty().bind(task.messageProperty());
            experimentWorkLabel.getTooltip().textProperty().bind(task.messageProperty());
        }
    }

    private void bindExperiments() {
        experimentsTable.setItems(model.experiments());
        experimentsTable.setPlaceholder(new Label("No experiments yet: define one on the left and press Create."));
        experimentNameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        experimentNameColumn.setCellFactory(col -> Cells.textWithTooltip());
        experimentKindColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(kindName(c.getValue().experiment().spec().kind())));
        experimentKindColumn.setCellFactory(col -> Cells.textWithTooltip());
        // the running experiment says so; a binding updates the one cell when the run starts or stops
        experimentStateColumn.setCellValueFactory(c -> Bindings.createStringBinding(() -> model.state(c.getValue()),
                model.workingProperty()));
        experimentStateColumn.setCellFactory(col -> Cells.textWithTooltip());
        experimentsTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (!syncingSelection && row != null) {
                model.selectedProperty().set(row);
            }
        });
        model.selectedProperty().addListener((obs, old, row) -> showSelected());
        model.experiments().addListener((ListChangeListener<ExperimentRow>) c -> showSelected());
    }

    /** Keeps the table's selection on the view model's experiment (the table drops it when the list is read again). */
    private void showSelected() {
        syncingSelection = true;
        ExperimentRow row = model.selectedProperty().get();
        if (row == null) {
            experimentsTable.getSelectionModel().clearSelection();
        } else if (experimentsTable.getSelectionModel().getSelectedItem() != row) {
            experimentsTable.getSelectionModel().select(row);
            experimentsTable.scrollTo(row);
        }
        syncingSelection = false;
    }

    private void bindCells() {
        cellsTable.setItems(model.cells());
        cellsTable.setPlaceholder(new Label("Select an experiment to see its cells."));
        cellOrdinalColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().ordinal() + 1));
        cellPointColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(shortPoint(c.getValue().point())));
        cellPointColumn.setCellFactory(col -> Cells.textWithTooltip((cell, text) -> cell == null || cell.point().equals(text) ? text
                : text + "\n(grid point " + cell.point() + ")"));
        cellSeedColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().seed()));
        // the running cell shows its phase live; a binding updates that one cell
        cellStatusColumn.setCellValueFactory(c -> Bindings.createStringBinding(() -> model.status(c.getValue()),
                model.phaseProperty(), model.workingProperty()));
        cellRunColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().alignRunId() == null
                ? (c.getValue().plan().align() == null ? "none" : "") : "#" + c.getValue().alignRunId()));
        cellRunColumn.setCellFactory(col -> Cells.textWithTooltip((cell, text) -> "none".equals(text)
                ? "none: the base model rewrites, not aligned" : "alignment run " + text + " (on the Align screen)"));
        cellErrorColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().error() == null ? "" : c.getValue().error()));
        cellErrorColumn.setCellFactory(col -> Cells.textWithTooltip());
        cellsTable.getSelectionModel().selectedItemProperty().addListener((obs, old, cell) -> {
            if (cell != null) {
                selectedCellId = cell.id();
            }
        });
        // the cells are read again as they run: keep the row the user selected
        model.cells().addListener((ListChangeListener<ExperimentStore.Cell>) c -> {
            for (int i = 0; i < model.cells().size(); i++) {
                if (model.cells().get(i).id() == selectedCellId) {
                    cellsTable.getSelectionModel().select(i);
                    return;
                }
            }
        });
        // the running cell stays in sight
        model.runningCellProperty().addListener((obs, old, ordinal) -> {
            if (ordinal.intValue() >= 0) {
                cellsTable.scrollTo(ordinal.intValue());
            }
        });
        cellsTable.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelectedCell();
                e.consume();
            }
        });
        cellsTable.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                openSelectedCell();
            }
        });
    }

    /** A grid point as the cells table shows it: a transfer cell's {@code train=A test=B} as A → B. */
    static String shortPoint(String point) {
        int test = point.indexOf(" test=");
        if (!point.startsWith("train=") || test < 0) {
            return point;
        }
        String train = point.substring("train=".length(), test);
        return (TransferMatrix.BASE.equals(train) ? "base model" : train) + " → " + point.substring(test + " test=".length());
    }

    private void openSelectedCell() {
        model.open(cellsTable.getSelectionModel().getSelectedItem(), "rewrite");
    }

    private void bindCharts() {
        metricChoice.getItems().setAll(ExperimentsViewModel.METRICS);
        metricChoice.valueProperty().bindBidirectional(model.metricProperty());
        pointChart.setOnPick(model::open);
        transferMatrix.setOnPick(point -> model.open(point, "rewrite"));
        model.points().addListener((ListChangeListener<Object>) c -> draw());
        model.metricProperty().addListener((obs, old, m) -> draw());
        model.selectedProperty().addListener((obs, old, row) -> draw());
        draw();
    }

    /** The selected experiment's numbers: a matrix for transfer, else the metric against the grid points. */
    private void draw() {
        ExperimentRow row = model.selectedProperty().get();
        boolean transfer = row != null && row.experiment().spec().kind() == ExperimentSpec.Kind.transfer;
        boolean none = model.points().isEmpty();
        String metric = model.metricProperty().get();
        pointChart.setVisible(!transfer && !none);
        matrixScroll.setVisible(transfer && !none);
        noPointsLabel.setVisible(none);
        noPointsLabel.setText(row == null ? "Create an experiment and run it: its numbers are drawn here as its cells finish."
                : "Experiment '" + row.name() + "' has no finished cell yet: its numbers are drawn here as its cells finish.");
        chartHint.setText(transfer ? "Rewrite − original, in points; press a cell to open it in Results."
                : "Mean over seeds and its 95% interval; click a point to open its cell in Results.");
        if (transfer) {
            transferMatrix.show(row.experiment().spec().catalogs(), List.copyOf(model.points()), metric);
        } else {
            pointChart.show(List.copyOf(model.points()), metric);
        }
    }
}
