package org.qtastudio.app.catalog;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.LatestTask;
import org.qtastudio.app.Messages;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Json;

/**
 * State of the catalog browser: the catalogs, the selected catalog's tools filtered by the search box,
 * and the selected tool's detail. Loading runs off the FX thread; a newer selection cancels an older load.
 */
public final class CatalogBrowserViewModel {

    private final AppContext context;
    private final ObservableList<Catalog> catalogs = FXCollections.observableArrayList();
    private final ObjectProperty<Catalog> selectedCatalog = new SimpleObjectProperty<>();
    private final ToolSearch toolSearch;
    private final StringProperty searchText = new SimpleStringProperty("");
    private final ObjectProperty<ToolRow> selectedTool = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Tool> detailTool = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper detailDocument = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final LatestTask<List<Catalog>> catalogLoad;
    private final LatestTask<List<ToolRow>> toolLoad;
    private final LatestTask<Tool> detailLoad;

    public CatalogBrowserViewModel(AppContext context) {
        this.context = context;
        this.catalogLoad = new LatestTask<>(context);
        this.toolLoad = new LatestTask<>(context);
        this.detailLoad = new LatestTask<>(context);
        this.toolSearch = new ToolSearch(context, this::updateStatus);
        // the document pane shows only a tool the table shows: a search that leaves the tool out unselects it
        toolSearch.matchesProperty().addListener((obs, old, rows) -> {
            if (selectedTool.get() != null && !rows.contains(selectedTool.get())) {
                selectedTool.set(null);
            }
        });
        searchText.addListener((obs, old, typed) -> toolSearch.search(typed));
        selectedCatalog.addListener((obs, old, catalog) -> loadTools(catalog));
        selectedTool.addListener((obs, old, row) -> loadDetail(row));
    }

    /** Reloads the catalog list off the FX thread, keeping the selection when the catalog still exists. */
    public Task<List<Catalog>> refreshCatalogs() {
        return catalogLoad.start(() -> context.catalogs().catalogs(), list -> {
            String keep = selectedCatalog.get() == null ? null : selectedCatalog.get().name();
            // unchanged catalogs keep their objects, so pickers bound to the selection see no change
            List<Catalog> next = list.stream().map(c -> catalogs.stream().filter(c::equals).findFirst().orElse(c)).toList();
            Catalog chosen = next.stream().filter(c -> c.name().equals(keep)).findFirst()
                    .orElse(next.isEmpty() ? null : next.get(0));
            if (!catalogs.equals(next)) {
                catalogs.setAll(next);
            }
            selectedCatalog.set(chosen);
            if (catalogs.isEmpty()) {
                status.set("No catalogs yet: import one.");
            }
        }, error -> status.set(Messages.readable("Reading the workspace", error)));
    }

    private void loadTools(Catalog catalog) {
        toolSearch.clear();
        selectedTool.set(null);
        if (catalog == null) {
            toolLoad.drop();
            loading.set(false);
            updateStatus();
            return;
        }
        loading.set(true);
        status.set("Loading " + catalog.toolCount() + " tools of " + catalog.name() + "…");
        toolLoad.start(() -> context.catalogs().toolSummaries(catalog.id()).stream().map(ToolRow::of).toList(), rows -> {
            loading.set(false);
            toolSearch.setTools(rows, searchText.get());
        }, error -> {
            loading.set(false);
            status.set(Messages.readable("Loading the tools of " + catalog.name(), error));
        });
    }

    /** Reads the selected tool's full document off the FX thread; a newer selection wins. */
    private void loadDetail(ToolRow row) {
        Catalog catalog = selectedCatalog.get();
        detailTool.set(null);
        detailDocument.set("");
        if (row == null || catalog == null) {
            detailLoad.drop();
            return;
        }
        detailLoad.start(() -> context.catalogs().tool(catalog.id(), row.key()).orElse(null), tool -> {
            detailTool.set(tool);
            detailDocument.set(tool == null ? "" : Json.pretty(tool.documentJson()));
        }, error -> status.set(Messages.readable("Reading tool " + row.key(), error)));
    }

    private void updateStatus() {
        Catalog c = selectedCatalog.get();
        if (c == null) {
            return;
        }
        String typed = searchText.get() == null ? "" : searchText.get().strip();
        status.set(typed.isEmpty()
                ? String.format("%s: %,d tools, %,d queries", c.name(), toolSearch.size(), c.queryCount())
                : String.format("%,d of %,d tools match \"%s\"", toolSearch.matchesProperty().get().size(), toolSearch.size(), typed));
    }

    public ObservableList<Catalog> catalogs() {
        return catalogs;
    }

    public ObjectProperty<Catalog> selectedCatalogProperty() {
        return selectedCatalog;
    }

    /** The rows matching the search; replaced as a whole when a new search finishes. */
    public ObjectProperty<ObservableList<ToolRow>> visibleToolsProperty() {
        return toolSearch.matchesProperty();
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ObjectProperty<ToolRow> selectedToolProperty() {
        return selectedTool;
    }

    /** The selected tool as stored, read when it is selected; null while none is selected. */
    public ReadOnlyObjectProperty<Tool> detailToolProperty() {
        return detailTool.getReadOnlyProperty();
    }

    /** The selected tool's full original document, indented. */
    public ReadOnlyStringProperty detailDocumentProperty() {
        return detailDocument.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }
}
