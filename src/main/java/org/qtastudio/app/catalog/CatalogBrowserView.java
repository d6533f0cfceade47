package org.qtastudio.app.catalog;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import java.util.List;
import org.qtastudio.app.Cells;
import org.qtastudio.app.Confirmations;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.Tool;

/**
 * Binds the catalog browser's FXML to its view model; holds no state of its own. The Delete key and the context
 * menus delete the selected tools or catalog after a confirmation that says what goes.
 */
public final class CatalogBrowserView {

    private final CatalogBrowserViewModel model;

    @FXML
    private ListView<Catalog> catalogList;
    @FXML
    private TextField searchField;
    @FXML
    private ProgressIndicator loadingIndicator;
    @FXML
    private TableView<ToolRow> toolTable;
    @FXML
    private TableColumn<ToolRow, String> keyColumn;
    @FXML
    private TableColumn<ToolRow, String> nameColumn;
    @FXML
    private TableColumn<ToolRow, String> descriptionColumn;
    @FXML
    private Label statusLabel;
    @FXML
    private Label toolTitle;
    @FXML
    private Label toolSubtitle;
    @FXML
    private Label toolDescription;
    @FXML
    private TextArea documentArea;
    /** The texts whose widths are {@link #keyWidth} and {@link #nameWidth}. */
    private LongestTexts measuredTexts;
    private double keyWidth;
    private double nameWidth;

    public CatalogBrowserView(CatalogBrowserViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        catalogList.setItems(model.catalogs());
        catalogList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Catalog c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : String.format("%s  (%,d)", c.name(), c.toolCount()));
            }
        });
        catalogList.getSelectionModel().selectedItemProperty().addListener((obs, old, c) -> {
            if (c != null) {
                model.selectedCatalogProperty().set(c);
            }
        });
        model.selectedCatalogProperty().addListener((obs, old, c) -> catalogList.getSelectionModel().select(c));
        model.catalogs().addListener((javafx.collections.ListChangeListener<Catalog>) change ->
                catalogList.getSelectionModel().select(model.selectedCatalogProperty().get()));

        searchField.textProperty().bindBidirectional(model.searchTextProperty());
        loadingIndicator.visibleProperty().bind(model.loadingProperty());
        toolTable.itemsProperty().bind(model.visibleToolsProperty());
        toolTable.setPlaceholder(new Label("No tools to show"));
        keyColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().key()));
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        descriptionColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().description()));
        keyColumn.setCellFactory(WrappingCell::new);
        nameColumn.setCellFactory(WrappingCell::new);
        descriptionColumn.setCellFactory(c -> Cells.textWithTooltip());
        // Key and Name take the width their longest text needs, so RestBench's
        // "GET /movie/{movie_id}/…" keys can be told apart; the description gets the rest
        toolTable.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        model.visibleToolsProperty().addListener((obs, old, rows) -> {
            if (model.searchTextProperty().get() == null || model.searchTextProperty().get().isBlank()) {
                fitColumns();
            }
        });
        toolTable.widthProperty().addListener((obs, old, w) -> fitColumns());
        toolTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> model.selectedToolProperty().set(row));
        model.selectedToolProperty().addListener((obs, old, row) -> {
            if (row == null) {
                toolTable.getSelectionModel().clearSelection();
            }
        });
        statusLabel.textProperty().bind(model.statusProperty());
        deleting();
        documentArea.textProperty().bind(model.detailDocumentProperty());
        model.detailToolProperty().addListener((obs, old, tool) -> showTool(tool));
        showTool(null);
    }

    /** Delete key and context menus: the selected tools (several with Shift or Ctrl) of the catalog, or the catalog. */
    private void deleting() {
        toolTable.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        javafx.scene.control.MenuItem deleteTools = new javafx.scene.control.MenuItem("Delete selected tools…");
        deleteTools.setId("deleteToolsItem");
        deleteTools.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(toolTable.getSelectionModel().getSelectedItems()));
        deleteTools.setOnAction(e -> deleteSelectedTools());
        toolTable.setContextMenu(new javafx.scene.control.ContextMenu(deleteTools));
        toolTable.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.DELETE && !toolTable.getSelectionModel().isEmpty()) {
                e.consume();
                deleteSelectedTools();
            }
        });
        javafx.scene.control.MenuItem deleteCatalog = new javafx.scene.control.MenuItem("Delete catalog…");
        deleteCatalog.setId("deleteCatalogItem");
        deleteCatalog.disableProperty().bind(catalogList.getSelectionModel().selectedItemProperty().isNull());
        deleteCatalog.setOnAction(e -> deleteSelectedCatalog());
        catalogList.setContextMenu(new javafx.scene.control.ContextMenu(deleteCatalog));
        catalogList.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.DELETE && catalogList.getSelectionModel().getSelectedItem() != null) {
                e.consume();
                deleteSelectedCatalog();
            }
        });
    }

    private void deleteSelectedTools() {
        List<String> keys = toolTable.getSelectionModel().getSelectedItems().stream().map(ToolRow::key).toList();
        model.countToolDeletion(keys, counted -> Confirmations.ask(toolTable, "Delete tools", CatalogBrowserViewModel.toolConfirmation(counted),
                () -> model.deleteTools(keys)));
    }

    private void deleteSelectedCatalog() {
        Catalog catalog = catalogList.getSelectionModel().getSelectedItem();
        model.countCatalogDeletion(catalog, counted -> Confirmations.ask(toolTable, "Delete catalog", CatalogBrowserViewModel.catalogConfirmation(counted),
                () -> model.deleteCatalog(catalog)));
    }

    private void showTool(Tool tool) {
        if (tool == null) {
            toolTitle.setText("No tool selected");
            toolSubtitle.setText("Pick a tool in the table to see its full document.");
            toolDescription.setText("");
            return;
        }
        toolTitle.setText(tool.name());
        StringBuilder sub = new StringBuilder(tool.key());
        if (tool.category() != null) {
            sub.append("  ·  ").append(tool.category());
        }
        if (!tool.parameters().isEmpty()) {
            sub.append("  ·  ").append(tool.parameters().size()).append(tool.parameters().size() == 1 ? " parameter" : " parameters");
        }
        toolSubtitle.setText(sub.toString());
        toolDescription.setText(tool.description());
    }

    /**
     * Key and Name as wide as their longest texts, so tools that differ late in their keys can be told apart; when both
     * together would take more than 80% of the table they shrink in proportion and their cells wrap ({@link WrappingCell},
     * RestBench's "GET /tv/{tv_id}/season/{season_number}/episode/{episode_number}/credits"). The description gets the rest.
     */
    private void fitColumns() {
        double tableWidth = toolTable.getWidth();
        List<ToolRow> rows = toolTable.getItems();
        if (tableWidth <= 0 || rows.isEmpty()) {
            return;
        }
        LongestTexts texts = model.longestTextsProperty().get();
        if (measuredTexts != texts) { // measured once per catalog, not on every resize
            keyWidth = contentWidth(texts.keys());
            nameWidth = contentWidth(texts.names());
            measuredTexts = texts;
        }
        double key = keyWidth;
        double name = nameWidth;
        double room = tableWidth * 0.8;
        if (key + name > room) {
            double scale = room / (key + name);
            key *= scale;
            name *= scale;
        }
        keyColumn.setPrefWidth(key);
        nameColumn.setPrefWidth(name);
        double rest = tableWidth - key - name - 18; // the vertical scroll bar
        descriptionColumn.setPrefWidth(Math.max(160, rest));
    }

    /** The width a column needs for the widest of {@code texts} (the longest of its texts by characters), at least 80 px. */
    private double contentWidth(List<String> texts) {
        Text probe = new Text();
        probe.setFont(toolTable.lookup(".table-cell") instanceof javafx.scene.control.Labeled cell ? cell.getFont() : Font.getDefault());
        double widest = 0;
        for (String t : texts) {
            probe.setText(t);
            widest = Math.max(widest, probe.getLayoutBounds().getWidth());
        }
        return Math.max(80, widest + 24);
    }

    /**
     * A cell that shows its whole text, on as many lines as the column's width needs (a key breaks inside a path where
     * it must), so the row grows instead of cutting the text: a labeled cell would only wrap at spaces and keep
     * the row one line high. The text takes the cell's theme colour, selected or not.
     */
    static final class WrappingCell<S> extends TableCell<S, String> {

        private final Text text = new Text();

        WrappingCell(TableColumn<S, String> column) {
            text.wrappingWidthProperty().bind(column.widthProperty().subtract(16));
            text.fillProperty().bind(textFillProperty());
            text.fontProperty().bind(fontProperty());
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(String value, boolean empty) {
            super.updateItem(value, empty);
            text.setText(empty || value == null ? "" : value);
            setGraphic(empty || value == null ? null : text);
        }
    }

    /** Puts the caret in the search box (Ctrl+F). */
    public void focusSearch() {
        searchField.requestFocus();
        searchField.selectAll();
    }
}
