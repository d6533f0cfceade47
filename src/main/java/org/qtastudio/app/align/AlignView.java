package org.qtastudio.app.align;

import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.beans.binding.Bindings;
import javafx.stage.DirectoryChooser;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.Candidate;
import org.qtastudio.align.StoredPair;
import org.qtastudio.app.Cells;
import org.qtastudio.app.Labels;
import org.qtastudio.app.baselines.RetrieverKind;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.Split;

/**
 * Binds the Align screen to its view model. Keyboard: Alt+S starts a run, Alt+U resumes the selected run, Esc
 * cancels the running work; in the pairs table A accepts, R rejects, U resets to pending and E or Enter edits the
 * highlighted pair; while editing, H or J in the candidates list copies the highlighted candidate into the chosen or
 * rejected rewrite, Ctrl+Enter saves the edit and Ctrl+Z reverts it (Esc does nothing else but cancel); Alt+letter reaches each underlined field.
 */
public final class AlignView {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private final AlignViewModel model;
    private final ObservableList<Catalog> catalogs;
    private boolean syncingRun;
    /** The pair row last selected, to select again when the pair is replaced by its stored edit. */
    private int lastPairIndex = -1;
    /** E or Enter went down in the pairs table: its release opens the edit. */
    private boolean editKeyDown;

    @FXML
    private BorderPane alignRoot;
    @FXML
    private Label alignCatalogLabel;
    @FXML
    private ChoiceBox<Catalog> alignCatalogChoice;
    @FXML
    private Label trainSplitLabel;
    @FXML
    private ChoiceBox<Split> trainSplitChoice;
    @FXML
    private Button startButton;
    @FXML
    private Button evaluateButton;
    @FXML
    private ChoiceBox<Split> evaluateSplitChoice;
    @FXML
    private Label startProblemLabel;
    @FXML
    private HBox workBox;
    @FXML
    private VBox settingsBox;
    @FXML
    private CheckBox smoothCheck;
    @FXML
    private Label overlayLabel;
    @FXML
    private ChoiceBox<AlignStore.AlignRun> overlayChoice;
    @FXML
    private Label chartsHint;
    @FXML
    private Label noStepsLabel;
    @FXML
    private Button resumeButton;
    @FXML
    private ProgressBar workProgress;
    @FXML
    private Button cancelWorkButton;
    @FXML
    private Label workLabel;
    @FXML
    private Label modelLabel;
    @FXML
    private TextField modelField;
    @FXML
    private Button browseButton;
    @FXML
    private Label modelInfoLabel;
    @FXML
    private TextField repoField;
    @FXML
    private TextField revisionField;
    @FXML
    private TextField endpointField;
    @FXML
    private TextField cacheField;
    @FXML
    private Button downloadButton;
    @FXML
    private Label deviceChoiceLabel;
    @FXML
    private ComboBox<String> deviceChoice;
    @FXML
    private ChoiceBox<String> dtypeChoice;
    @FXML
    private Label deviceInfoLabel;
    @FXML
    private Button defaultsButton;
    @FXML
    private Label retrieverLabel;
    @FXML
    private ChoiceBox<RetrieverKind> retrieverChoice;
    @FXML
    private CheckBox reviewCheck;
    @FXML
    private CheckBox randomDocsCheck;
    @FXML
    private TextArea instructionArea;
    @FXML
    private TableView<AlignStore.AlignRun> alignRunsTable;
    @FXML
    private TableColumn<AlignStore.AlignRun, Long> alignRunIdColumn;
    @FXML
    private TableColumn<AlignStore.AlignRun, String> alignRunStatusColumn;
    @FXML
    private TableColumn<AlignStore.AlignRun, Integer> alignRunRoundColumn;
    @FXML
    private TableColumn<AlignStore.AlignRun, String> alignRunNameColumn;
    @FXML
    private TableColumn<AlignStore.AlignRun, String> alignRunUpdatedColumn;
    @FXML
    private Label runStateLabel;
    @FXML
    private Label pairsLabel;
    @FXML
    private Label pairsSummaryLabel;
    @FXML
    private TableView<StoredPair> pairsTable;
    @FXML
    private TableColumn<StoredPair, String> pairStateColumn;
    @FXML
    private TableColumn<StoredPair, String> pairQueryColumn;
    @FXML
    private TableColumn<StoredPair, String> pairChosenColumn;
    @FXML
    private TableColumn<StoredPair, String> pairChosenRanksColumn;
    @FXML
    private TableColumn<StoredPair, String> pairRejectedColumn;
    @FXML
    private TableColumn<StoredPair, String> pairRejectedRanksColumn;
    @FXML
    private Label candidatesLabel;
    @FXML
    private ListView<Candidate> candidatesList;
    @FXML
    private Label chosenLabel;
    @FXML
    private TextArea chosenArea;
    @FXML
    private Label rejectedLabel;
    @FXML
    private TextArea rejectedArea;
    @FXML
    private Button saveEditButton;
    @FXML
    private Button revertEditButton;
    @FXML
    private StepChart lossChart;
    @FXML
    private StepChart marginChart;
    @FXML
    private StepChart accuracyChart;
    @FXML
    private Label alignMessageLabel;

    public AlignView(AlignViewModel model, ObservableList<Catalog> catalogs) {
        this.model = model;
        this.catalogs = catalogs;
    }

    @FXML
    private void initialize() {
        mnemonic(alignCatalogLabel, alignCatalogChoice);
        mnemonic(trainSplitLabel, trainSplitChoice);
        mnemonic(modelLabel, modelField);
        mnemonic(deviceChoiceLabel, deviceChoice);
        mnemonic(retrieverLabel, retrieverChoice);
        mnemonic(pairsLabel, pairsTable);
        mnemonic(chosenLabel, chosenArea);
        mnemonic(rejectedLabel, rejectedArea);
        bindWork();
        bindModelPicker();
        bindSettings();
        bindRuns();
        bindPairs();
        bindCharts();
        alignMessageLabel.textProperty().bind(model.messageProperty());
    }

    private static void mnemonic(Label label, Control target) {
        label.setMnemonicParsing(true);
        label.setLabelFor(target);
    }

    private void bindWork() {
        alignCatalogChoice.setItems(catalogs);
        alignCatalogChoice.setConverter(Labels.of(Catalog::name));
        alignCatalogChoice.valueProperty().bindBidirectional(model.catalogProperty());
        trainSplitChoice.getItems().setAll(Split.values());
        trainSplitChoice.setConverter(Labels.of(Split::id));
        trainSplitChoice.valueProperty().bindBidirectional(model.splitProperty());
        startButton.setOnAction(e -> model.start());
        startButton.disableProperty().bind(model.startProblemProperty().isNotEmpty());
        startProblemLabel.textProperty().bind(Bindings.when(model.workingProperty()).then("").otherwise(model.startProblemProperty()));
        startProblemLabel.visibleProperty().bind(startProblemLabel.textProperty().isNotEmpty());
        startProblemLabel.managedProperty().bind(startProblemLabel.visibleProperty());
        evaluateSplitChoice.getItems().setAll(Split.values());
        evaluateSplitChoice.setConverter(Labels.of(Split::id));
        evaluateSplitChoice.valueProperty().bindBidirectional(model.evaluation().splitProperty());
        evaluateButton.setOnAction(e -> model.evaluation().evaluate());
        evaluateButton.disableProperty().bind(model.evaluation().possibleBinding().not());
        evaluateButton.setTooltip(new Tooltip("Rewrite every query of the split with the selected completed run, rank the "
                + "original, the rewrite and their fusion, store the three runs (as qta-studio rewrite --run N --split S does) "
                + "and open them in Results."));
        workBox.visibleProperty().bind(model.workingProperty());
        workBox.managedProperty().bind(model.workingProperty());
        resumeButton.setOnAction(e -> model.resume());
        resumeButton.disableProperty().bind(model.canResumeBinding().not());
        cancelWorkButton.setOnAction(e -> model.cancel());
        workLabel.setTooltip(new Tooltip());
        model.workProperty().addListener((obs, old, task) -> track(task));
        alignRoot.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && model.workingProperty().get()) {
                model.cancel();
                e.consume();
            }
        });
    }

    private void track(Task<?> task) {
        workProgress.progressProperty().unbind();
        workLabel.textProperty().unbind();
        workLabel.getTooltip().textProperty().unbind();
        if (task != null) {
            workProgress.progressProperty().bind(task.progressProperty());
            workLabel.textProperty().bind(task.messageProperty());
            workLabel.getTooltip().textProperty().bind(task.messageProperty());
        }
    }

    private void bindModelPicker() {
        ModelSource source = model.model();
        modelField.textProperty().bindBidirectional(source.modelDirProperty());
        modelInfoLabel.textProperty().bind(source.modelInfoProperty());
        browseButton.setOnAction(e -> chooseModelFolder());
        repoField.textProperty().bindBidirectional(source.hubRepoProperty());
        revisionField.textProperty().bindBidirectional(source.hubRevisionProperty());
        endpointField.textProperty().bindBidirectional(source.hubEndpointProperty());
        cacheField.textProperty().bindBidirectional(source.cacheDirProperty());
        repoField.setOnAction(e -> source.download());
        downloadButton.setOnAction(e -> source.download());
        downloadButton.disableProperty().bind(model.workingProperty());
        deviceChoice.getItems().setAll(ModelSource.DEVICES);
        deviceChoice.valueProperty().bindBidirectional(source.deviceProperty());
        dtypeChoice.getItems().setAll(ModelSource.DTYPES);
        dtypeChoice.valueProperty().bindBidirectional(source.dtypeProperty());
        deviceInfoLabel.textProperty().bind(source.deviceInfoProperty());
    }

    private void chooseModelFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose a model folder (config.json, *.safetensors, tokenizer.json)");
        for (String start : List.of(model.model().modelDirProperty().get(), model.model().cacheDirProperty().get())) {
            File folder = new File(start.strip());
            if (!start.isBlank() && folder.isDirectory()) {
                chooser.setInitialDirectory(folder);
                break;
            }
        }
        File dir = chooser.showDialog(alignRoot.getScene().getWindow());
        if (dir != null) {
            model.model().modelDirProperty().set(dir.toString());
        }
    }

    private void bindSettings() {
        AlignSettingsForm form = model.form();
        defaultsButton.setOnAction(e -> model.resetSettings());
        retrieverChoice.getItems().setAll(RetrieverKind.forAlignment());
        retrieverChoice.valueProperty().bindBidirectional(model.retrieverKindProperty());
        reviewCheck.selectedProperty().bindBidirectional(form.requireReviewProperty());
        randomDocsCheck.selectedProperty().bindBidirectional(form.randomToolDocumentsProperty());
        instructionArea.textProperty().bindBidirectional(form.instructionProperty());
        String section = null;
        FlowPane group = null;
        for (AlignSettingsForm.Field f : form.fields()) {
            if (!f.section().equals(section)) {
                section = f.section();
                Label header = new Label(section);
                header.getStyleClass().add("text-bold");
                group = new FlowPane(12, 8);
                settingsBox.getChildren().addAll(header, group);
            }
            // label above its field and the help line under it: readable at any width of the settings pane
            Label label = new Label(f.label());
            label.setWrapText(true);
            TextField field = new TextField();
            field.setId("setting-" + f.id());
            field.textProperty().bindBidirectional(f.text());
            field.setTooltip(new Tooltip(f.hint()));
            label.setLabelFor(field);
            Label hint = new Label(f.hint());
            hint.setWrapText(true);
            hint.getStyleClass().addAll("text-muted", "text-small");
            hint.setMinHeight(Region.USE_PREF_SIZE);
            VBox cell = new VBox(2, label, field, hint);
            cell.setPrefWidth(230);
            cell.setMinWidth(200);
            group.getChildren().add(cell);
        }
    }

    private void bindRuns() {
        alignRunsTable.setItems(model.runs());
        alignRunsTable.setPlaceholder(new Label("No alignment runs on this catalog yet: choose a model and press Start alignment."));
        alignRunIdColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().id()));
        // the live run's status follows its phase (the stored status lags behind it); a binding updates the one cell,
        // where refreshing the table rebuilt every cell on each phase change
        alignRunStatusColumn.setCellValueFactory(c -> Bindings.createStringBinding(() -> model.status(c.getValue()),
                model.phaseProperty(), model.workingProperty()));
        alignRunRoundColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().round()));
        alignRunNameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        alignRunNameColumn.setCellFactory(col -> Cells.textWithTooltip());
        alignRunUpdatedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(WHEN.format(c.getValue().updatedAt())));
        alignRunsTable.getSelectionModel().selectedItemProperty().addListener((obs, old, run) -> {
            if (!syncingRun && run != null) {
                model.selectedRunProperty().set(run);
            }
        });
        model.selectedRunProperty().addListener((obs, old, run) -> showSelectedRun());
        model.runs().addListener((ListChangeListener<AlignStore.AlignRun>) c -> showSelectedRun());
        runStateLabel.textProperty().bind(model.runStateProperty());
        // the run's model, device, retriever and settings: a tooltip, so the runs table keeps its rows at 720 px
        Tooltip settingsTip = new Tooltip();
        settingsTip.setWrapText(true);
        settingsTip.setMaxWidth(600);
        settingsTip.textProperty().bind(model.runSettingsProperty());
        runStateLabel.setTooltip(settingsTip);
    }

    /** Keeps the table's selection on the view model's run (the table drops it when the list is reloaded). */
    private void showSelectedRun() {
        syncingRun = true;
        AlignStore.AlignRun run = model.selectedRunProperty().get();
        if (run == null) {
            alignRunsTable.getSelectionModel().clearSelection();
        } else if (alignRunsTable.getSelectionModel().getSelectedItem() != run) {
            alignRunsTable.getSelectionModel().select(run);
            alignRunsTable.scrollTo(run);
        }
        syncingRun = false;
    }

    private void bindPairs() {
        pairsTable.setItems(model.pairs());
        pairsTable.setPlaceholder(new Label("A run's preference pairs show here once it has sampled its rewrites."));
        pairStateColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().status().name() + (c.getValue().edited() ? " ✎" : "")));
        pairQueryColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().queryText()));
        pairChosenColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().chosen()));
        pairChosenRanksColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(depth(c.getValue(), c.getValue().chosen())));
        pairRejectedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().rejected()));
        pairRejectedRanksColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(depth(c.getValue(), c.getValue().rejected())));
        for (TableColumn<StoredPair, String> column : List.of(pairQueryColumn, pairChosenColumn, pairRejectedColumn)) {
            column.setCellFactory(col -> Cells.textWithTooltip());
        }
        pairsSummaryLabel.textProperty().bind(model.review().summaryProperty());
        pairsTable.getSelectionModel().selectedItemProperty().addListener((obs, old, pair) -> showPair(pair));
        pairsTable.getSelectionModel().selectedIndexProperty().addListener((obs, old, index) -> {
            if (index.intValue() >= 0) {
                lastPairIndex = index.intValue();
            }
        });
        model.pairs().addListener((ListChangeListener<StoredPair>) c -> {
            // replacing the selected pair (its stored edit or review) drops the table's selection: keep the row
            while (c.next()) {
                if (c.wasReplaced() && c.getFrom() == lastPairIndex && pairsTable.getSelectionModel().isEmpty()) {
                    pairsTable.getSelectionModel().select(lastPairIndex);
                }
            }
        });
        pairsTable.addEventFilter(KeyEvent.KEY_PRESSED, this::onPairKey);
        pairsTable.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (editKeyDown && (e.getCode() == KeyCode.E || e.getCode() == KeyCode.ENTER)) {
                editKeyDown = false;
                chosenArea.requestFocus();
                chosenArea.selectAll();
                e.consume();
            }
        });
        candidatesList.setPlaceholder(new Label("Select a pair"));
        candidatesList.setTooltip(new Tooltip("The original query and the sampled rewrites, with the ranks of the gold tools "
                + "for each; ▲ is the chosen rewrite, ▼ the rejected one. H copies the highlighted candidate into the chosen "
                + "rewrite, J into the rejected one; Ctrl+Enter saves."));
        candidatesList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Candidate c, boolean empty) {
                super.updateItem(c, empty);
                StoredPair pair = pairsTable.getSelectionModel().getSelectedItem();
                setText(empty || c == null || pair == null ? null : candidateLine(pair, c));
            }
        });
        candidatesList.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            Candidate c = candidatesList.getSelectionModel().getSelectedItem();
            if (c != null && !e.isShortcutDown() && !e.isAltDown() && (e.getCode() == KeyCode.H || e.getCode() == KeyCode.J)) {
                (e.getCode() == KeyCode.H ? chosenArea : rejectedArea).setText(c.text());
                e.consume();
            }
        });
        for (Control editor : List.of(candidatesList, chosenArea, rejectedArea)) {
            editor.addEventFilter(KeyEvent.KEY_PRESSED, this::onEditKey);
        }
        saveEditButton.setOnAction(e -> saveEdit());
        revertEditButton.setOnAction(e -> revertEdit());
    }

    /** The rank by which the candidate with this text retrieves every gold tool, or a dash for a text a person wrote. */
    private static String depth(StoredPair pair, String text) {
        return pair.candidates().stream().filter(c -> c.text().equals(text)).findFirst()
                .map(c -> String.valueOf(Arrays.stream(c.goldRanks()).max().orElseThrow())).orElse("—");
    }

    private void showPair(StoredPair pair) {
        chosenArea.setText(pair == null ? "" : pair.chosen());
        rejectedArea.setText(pair == null ? "" : pair.rejected());
        candidatesLabel.setText(pair == null ? "Candidates" : "Candidates for \"" + pair.queryText() + "\"");
        candidatesList.setItems(pair == null ? FXCollections.observableArrayList() : FXCollections.observableArrayList(pair.candidates()));
    }

    private static String candidateLine(StoredPair pair, Candidate c) {
        String mark = c.text().equals(pair.chosen()) ? "▲ " : c.text().equals(pair.rejected()) ? "▼ " : "   ";
        String ranks = Arrays.stream(c.goldRanks()).mapToObj(String::valueOf).collect(Collectors.joining(", "));
        return mark + "[" + ranks + "] " + (c.original() ? "(original) " : "") + c.text();
    }

    private void onPairKey(KeyEvent e) {
        StoredPair pair = pairsTable.getSelectionModel().getSelectedItem();
        if (pair == null || e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        int index = pairsTable.getSelectionModel().getSelectedIndex();
        switch (e.getCode()) {
            case A -> review(pair, StoredPair.Status.accepted, index);
            case R -> review(pair, StoredPair.Status.rejected, index);
            case U -> review(pair, StoredPair.Status.pending, index);
            // the edit opens when the key is released, so the key's typed letter does not land in the text
            case E, ENTER -> editKeyDown = true;
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** Reviews the pair and moves to the next one, so a run's pairs are reviewed with one key each. */
    private void review(StoredPair pair, StoredPair.Status status, int index) {
        if (model.review().review(pair, status)) {
            int next = Math.min(index + 1, pairsTable.getItems().size() - 1);
            pairsTable.getSelectionModel().clearAndSelect(next);
            pairsTable.scrollTo(Math.max(0, next - 3));
        }
    }

    private void onEditKey(KeyEvent e) {
        if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
            saveEdit();
            e.consume();
        } else if (e.getCode() == KeyCode.Z && e.isShortcutDown() && !e.isShiftDown()) {
            revertEdit(); // not Esc: on every screen Esc only cancels the screen's work
            e.consume();
        }
    }

    private void saveEdit() {
        StoredPair pair = pairsTable.getSelectionModel().getSelectedItem();
        if (pair != null) {
            model.review().edit(pair, chosenArea.getText(), rejectedArea.getText());
        }
        pairsTable.requestFocus();
    }

    private void revertEdit() {
        showPair(pairsTable.getSelectionModel().getSelectedItem());
        pairsTable.requestFocus();
    }

    private void bindCharts() {
        lossChart.setValue(AlignStore.Step::loss);
        marginChart.setValue(AlignStore.Step::rewardMargin);
        accuracyChart.setValue(AlignStore.Step::rewardAccuracy);
        accuracyChart.setRange(0, 1);
        for (StepChart chart : charts()) {
            chart.smoothingProperty().bind(smoothCheck.selectedProperty());
        }
        noStepsLabel.visibleProperty().bind(lossChart.visibleProperty().not());
        Tooltip hint = new Tooltip("Hover a curve for its step and value; dashed vertical lines mark epoch boundaries. From 100 "
                + "steps on the markers go and, with Smooth, a moving average is drawn over the raw curve, which turns faint.");
        smoothCheck.setTooltip(hint);
        for (StepChart chart : charts()) {
            Tooltip.install(chart, hint);
        }
        mnemonic(overlayLabel, overlayChoice);
        overlayChoice.setConverter(Labels.of(r -> "#" + r.id() + " " + r.name(), "none"));
        overlayChoice.setItems(overlayItems());
        overlayChoice.valueProperty().bindBidirectional(model.overlayRunProperty());
        model.steps().addListener(this::plotSteps);
        model.overlaySteps().addListener((ListChangeListener<AlignStore.Step>) c -> {
            for (StepChart chart : charts()) {
                chart.overlay(model.overlaySteps());
            }
        });
    }

    private List<StepChart> charts() {
        return List.of(lossChart, marginChart, accuracyChart);
    }

    /** The runs another run's curves can be compared with: none, or any run of the catalog. */
    private ObservableList<AlignStore.AlignRun> overlayItems() {
        ObservableList<AlignStore.AlignRun> items = FXCollections.observableArrayList();
        Runnable fill = () -> {
            AlignStore.AlignRun chosen = model.overlayRunProperty().get();
            List<AlignStore.AlignRun> all = new java.util.ArrayList<>();
            all.add(null);
            all.addAll(model.runs());
            items.setAll(all);
            if (chosen != null) {
                model.overlayRunProperty().set(model.runs().stream().filter(r -> r.id() == chosen.id()).findFirst().orElse(null));
            }
        };
        model.runs().addListener((ListChangeListener<AlignStore.AlignRun>) c -> fill.run());
        fill.run();
        return items;
    }

    /** Appends the steps added at the end; anything else (another run, a resumed run's replaced steps) redraws. */
    private void plotSteps(ListChangeListener.Change<? extends AlignStore.Step> c) {
        int plotted = lossChart.getData().getFirst().getData().size();
        boolean appended = true;
        while (c.next()) {
            appended &= c.wasAdded() && !c.wasRemoved() && c.getFrom() >= plotted;
        }
        for (StepChart chart : charts()) {
            if (!appended) {
                chart.clear();
            }
            chart.show(model.steps());
        }
    }
}
