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
    private ListView<ToolRow> suggestionList;
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
        queryList.setItems(model.queries());
        queryList.setCellFactory(list -> new ListCell<>() {
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
        suggestionList.setPlaceholder(new Label("No suggestions"));
        suggestionList.setCellFactory(list -> goldCell());
        suggestionList.setOnKeyPressed(e -> {
            ToolRow row = suggestionList.getSelectionModel().getSelectedItem();
            if (row != null && e.getCode() == KeyCode.SPACE) {
                model.toggleGold(row.key());
                e.consume();
            }
        });
        toolList.setCellFactory(list -> goldCell());
        toolSearchField.addEventFilter(KeyEvent.KEY_PRESSED, this::onSearchKey);
        toolList.addEventFilter(KeyEvent.KEY_PRESSED, this::onSearchKey);
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

    private void onSearchKey(KeyEvent e) {
        var selection = toolList.getSelectionModel();
        switch (e.getCode()) {
            case DOWN -> {
                selection.selectNext();
                if (selection.getSelectedIndex() < 0 && !toolList.getItems().isEmpty()) {
                    selection.select(0);
                }
                toolList.scrollTo(selection.getSelectedIndex());
            }
            case UP -> {
                selection.selectPrevious();
                toolList.scrollTo(selection.getSelectedIndex());
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
