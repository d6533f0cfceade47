package org.qtastudio.app.annotate;

import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.qtastudio.app.Confirmations;
import org.qtastudio.app.Labels;
import org.qtastudio.app.catalog.ToolRow;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.UserQuery;

/**
 * Binds the Annotate screen to its view model. Keyboard first: type in the tool search, arrows move
 * through the results, Space ticks or unticks the highlighted tool as gold, Enter moves to the next query,
 * Ctrl+Z undoes.
 */
public final class AnnotateView {

    /** Height of a row in the gold and suggestion lists. */
    private static final double ROW = 26;

    private final AnnotateViewModel model;
    private final ObservableList<Catalog> catalogs;

    @FXML
    private ChoiceBox<Catalog> catalogChoice;
    @FXML
    private TextField newQueryField;
    @FXML
    private Label progressLabel;
    @FXML
    private ListView<UserQuery> queryList;
    @FXML
    private Label queryText;
    @FXML
    private ChoiceBox<Split> splitChoice;
    @FXML
    private Label goldSummary;
    @FXML
    private ListView<String> goldList;
    @FXML
    private ListView<AnnotateViewModel.Suggestion> suggestionList;
    @FXML
    private ChoiceBox<Split> splitFilterChoice;
    @FXML
    private ChoiceBox<AnnotateViewModel.Annotated> annotatedFilterChoice;
    @FXML
    private TextField queryFilterField;
    @FXML
    private TextField toolSearchField;
    @FXML
    private ListView<ToolRow> toolList;
    @FXML
    private Label messageLabel;

    public AnnotateView(AnnotateViewModel model, ObservableList<Catalog> catalogs) {
        this.model = model;
        this.catalogs = catalogs;
    }

    @FXML
    private void initialize() {
        catalogChoice.setItems(catalogs);
        catalogChoice.setConverter(Labels.of(Catalog::name));
        catalogChoice.valueProperty().bindBidirectional(model.catalogProperty());

        newQueryField.setOnAction(e -> {
            model.addQuery(newQueryField.getText());
            newQueryField.clear();
            toolSearchField.requestFocus();
        });

        progressLabel.textProperty().bind(model.progressTextProperty());
        splitFilterChoice.getItems().setAll(null, Split.TRAIN, Split.TEST, Split.UNLABELLED);
        splitFilterChoice.setConverter(Labels.of(Split::id, "all splits"));
        splitFilterChoice.valueProperty().bindBidirectional(model.splitFilterProperty());
        annotatedFilterChoice.getItems().setAll(AnnotateViewModel.Annotated.values());
        annotatedFilterChoice.setConverter(Labels.of(AnnotateViewModel.Annotated::label));
        annotatedFilterChoice.valueProperty().bindBidirectional(model.annotatedFilterProperty());
        queryFilterField.textProperty().bindBidirectional(model.textFilterProperty());
        queryList.setItems(model.shownQueries());
        Label emptyQueries = new Label();
        emptyQueries.setWrapText(true);
        emptyQueries.textProperty().bind(model.emptyReasonProperty());
        queryList.setPlaceholder(emptyQueries);
        queryList.setCellFactory(list -> new ListCell<>() {
            {
                setWrapText(true);
                prefWidthProperty().bind(list.widthProperty().subtract(20));
            }

            @Override
            protected void updateItem(UserQuery q, boolean empty) {
                super.updateItem(q, empty);
                if (empty || q == null) {
                    setText(null);
                } else {
                    String mark = q.gold().isEmpty() ? "○" : "●";
                    setText(mark + " [" + q.split().id() + "] " + q.text());
                }
            }
        });
        queryList.setOnKeyPressed(e -> {
            UserQuery q = queryList.getSelectionModel().getSelectedItem();
            if (q != null && e.getCode() == KeyCode.DELETE) {
                Confirmations.ask(queryList, "Delete query", AnnotateViewModel.queryConfirmation(q), model::deleteSelectedQuery);
                e.consume();
            }
        });
        queryList.getSelectionModel().selectedItemProperty().addListener((obs, old, q) -> {
            if (q != null && q != model.selectedQueryProperty().get()) {
                model.selectedQueryProperty().set(q);
            }
        });
        model.selectedQueryProperty().addListener((obs, old, q) -> {
            queryText.setText(q == null ? "No query selected" : q.text());
            if (q != null) {
                splitChoice.setValue(q.split());
                queryList.getSelectionModel().select(q);
                queryList.scrollTo(q);
            }
            toolList.refresh();
        });

        splitChoice.getItems().setAll(Split.values());
        splitChoice.setConverter(Labels.of(Split::id));
        splitChoice.setOnAction(e -> {
            if (splitChoice.getValue() != null) {
                model.setSplit(splitChoice.getValue());
            }
        });

        goldList.setItems(model.gold());
        // the gold box grows with its tools (up to eight rows, then it scrolls): every gold tool is visible
        goldList.setFixedCellSize(ROW);
        goldList.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.max(1, Math.min(8, model.gold().size())) * ROW + 4, model.gold()));
        goldList.minHeightProperty().bind(goldList.prefHeightProperty());
        goldList.setPlaceholder(new Label("No gold tools yet: search below and press Space"));
        goldList.setOnKeyPressed(e -> {
            String key = goldList.getSelectionModel().getSelectedItem();
            if (key != null && (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE || e.getCode() == KeyCode.SPACE)) {
                model.toggleGold(key);
                e.consume();
            }
        });
        model.gold().addListener((javafx.collections.ListChangeListener<String>) c -> {
            goldSummary.setText(model.gold().size() + (model.gold().size() == 1 ? " tool" : " tools"));
            toolList.refresh();
            suggestionList.refresh();
        });

        toolSearchField.textProperty().bindBidirectional(model.toolSearchProperty());
        // typing searches again: drop the highlighted row so Space types a space until an arrow key picks a row
        toolSearchField.textProperty().addListener((obs, old, typed) -> toolList.getSelectionModel().clearSelection());
        toolList.itemsProperty().bind(model.toolResultsProperty());
        suggestionList.setItems(model.suggestions());
        suggestionList.setPlaceholder(new Label("No suggestions: no tool shares a word with this query"));
        suggestionList.setFixedCellSize(ROW);
        suggestionList.setMinHeight(5 * ROW + 4); // at least five suggestions at 1280×720
        suggestionList.setPrefHeight(8 * ROW + 4);
        suggestionList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(AnnotateViewModel.Suggestion s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setText(null);
                    setStyle("");
                } else {
                    boolean isGold = model.gold().contains(s.key());
                    setText(String.format(java.util.Locale.ROOT, "%s %5.2f  %s — %s", isGold ? "☑" : "☐", s.score(), s.key(),
                            s.row().description()));
                    setTooltip(new javafx.scene.control.Tooltip(String.format(java.util.Locale.ROOT, "BM25 score %.2f: %s — %s",
                            s.score(), s.key(), s.row().description())));
                    setStyle(isGold ? "-fx-font-weight: bold;" : "");
                }
            }
        });
        suggestionList.setOnKeyPressed(e -> {
            AnnotateViewModel.Suggestion row = suggestionList.getSelectionModel().getSelectedItem();
            if (row != null && e.getCode() == KeyCode.SPACE) {
                model.toggleGold(row.key());
                e.consume();
            }
        });
        toolList.setCellFactory(list -> goldCell());
        toolSearchField.addEventFilter(KeyEvent.KEY_PRESSED, this::onSearchKey);
        toolList.addEventFilter(KeyEvent.KEY_PRESSED, this::onSearchKey);
        // Space ticks the highlighted tool: its typed character must not reach the search field as well
        toolSearchField.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (" ".equals(e.getCharacter()) && toolList.getSelectionModel().getSelectedItem() != null) {
                e.consume();
            }
        });
        messageLabel.textProperty().bind(model.messageProperty());
    }

    /** A tool row with its gold state: ☑ and bold when the selected query has it as gold. */
    private ListCell<ToolRow> goldCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(ToolRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setText(null);
                    setStyle("");
                } else {
                    boolean isGold = model.gold().contains(row.key());
                    setText((isGold ? "☑ " : "☐ ") + row.key() + " — " + row.description());
                    setStyle(isGold ? "-fx-font-weight: bold;" : "");
                }
            }
        };
    }

    /** Scrolls the tool list only as far as needed to show row {@code index}. */
    private void keepInView(int index) {
        var flow = (javafx.scene.control.skin.VirtualFlow<?>) toolList.lookup(".virtual-flow");
        if (flow == null) {
            toolList.scrollTo(index);
            return;
        }
        var first = flow.getFirstVisibleCell();
        var last = flow.getLastVisibleCell();
        if (first == null || last == null || index <= first.getIndex() || index >= last.getIndex()) {
            flow.scrollTo(index); // VirtualFlow.scrollTo shows the row at the nearest edge, not at the top
        }
    }

    /** Puts the caret in the tool search (entering the screen). */
    public void focusSearch() {
        toolSearchField.requestFocus();
    }

    private void onSearchKey(KeyEvent e) {
        var selection = toolList.getSelectionModel();
        switch (e.getCode()) {
            case DOWN -> {
                if (toolList.getItems().isEmpty()) {
                    return;
                }
                // from the search field the first ↓ picks the first match (selectNext would start from the focus row)
                selection.select(selection.getSelectedIndex() < 0 ? 0 : Math.min(selection.getSelectedIndex() + 1, toolList.getItems().size() - 1));
                toolList.getFocusModel().focus(selection.getSelectedIndex());
                keepInView(selection.getSelectedIndex());
            }
            case UP -> {
                if (selection.getSelectedIndex() > 0) {
                    selection.select(selection.getSelectedIndex() - 1);
                    toolList.getFocusModel().focus(selection.getSelectedIndex());
                    keepInView(selection.getSelectedIndex());
                }
            }
            case SPACE -> {
                ToolRow row = selection.getSelectedItem();
                if (row == null) {
                    return;
                }
                model.toggleGold(row.key());
            }
            case ENTER -> model.nextQuery();
            case Z -> {
                if (!e.isShortcutDown()) {
                    return;
                }
                model.undo();
            }
            default -> {
                return;
            }
        }
        e.consume();
    }
}
