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
import javafx.scene.control.TextField;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.Tool;

/** Binds the catalog browser's FXML to its view model; holds no state of its own. */
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
        toolTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> model.selectedToolProperty().set(row));
        model.selectedToolProperty().addListener((obs, old, row) -> {
            if (row == null) {
                toolTable.getSelectionModel().clearSelection();
            }
        });
        statusLabel.textProperty().bind(model.statusProperty());
        documentArea.textProperty().bind(model.detailDocumentProperty());
        model.detailToolProperty().addListener((obs, old, tool) -> showTool(tool));
        showTool(null);
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

    /** Puts the caret in the search box (Ctrl+F). */
    public void focusSearch() {
        searchField.requestFocus();
        searchField.selectAll();
    }
}
