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
    private Task<List<ToolRow>> toolLoad;

    public CatalogBrowserViewModel(AppContext context) {
        this.context = context;
        this.toolSearch = new ToolSearch(context, this::updateStatus);
        searchText.addListener((obs, old, typed) -> toolSearch.search(typed));
        selectedCatalog.addListener((obs, old, catalog) -> loadTools(catalog));
        selectedTool.addListener((obs, old, row) -> loadDetail(row));
    }

    /** Reloads the catalog list off the FX thread, keeping the selection when the catalog still exists. */
    public Task<List<Catalog>> refreshCatalogs() {
        Task<List<Catalog>> task = new Task<>() {
            @Override
            protected List<Catalog> call() {
                return context.catalogs().catalogs();
            }
        };
        task.setOnSucceeded(e -> {
            String keep = selectedCatalog.get() == null ? null : selectedCatalog.get().name();
            catalogs.setAll(task.getValue());
            Catalog next = catalogs.stream().filter(c -> c.name().equals(keep)).findFirst()
                    .orElse(catalogs.isEmpty() ? null : catalogs.get(0));
            selectedCatalog.set(next);
            if (catalogs.isEmpty()) {
                status.set("No catalogs yet: import one.");
            }
        });
        task.setOnFailed(e -> status.set("Could not read the workspace: " + task.getException().getMessage()));
        return context.run(task);
    }

    private void loadTools(Catalog catalog) {
        if (toolLoad != null) {
            toolLoad.cancel();
        }
        toolSearch.clear();
        selectedTool.set(null);
        if (catalog == null) {
            updateStatus();
            return;
        }
        loading.set(true);
        status.set("Loading " + catalog.toolCount() + " tools of " + catalog.name() + "…");
        Task<List<ToolRow>> task = new Task<>() {
            @Override
            protected List<ToolRow> call() {
                return context.catalogs().toolSummaries(catalog.id()).stream().map(ToolRow::of).toList();
            }
        };
        task.setOnSucceeded(e -> {
            if (task == toolLoad) {
                loading.set(false);
                toolSearch.setTools(task.getValue(), searchText.get());
            }
        });
        task.setOnFailed(e -> {
            loading.set(false);
            status.set("Could not load tools: " + task.getException().getMessage());
        });
        toolLoad = task;
        context.run(task);
    }

    /** Reads the selected tool's full document off the FX thread; a newer selection wins. */
    private void loadDetail(ToolRow row) {
        Catalog catalog = selectedCatalog.get();
        if (row == null || catalog == null) {
            detailTool.set(null);
            detailDocument.set("");
            return;
        }
        Task<Tool> task = new Task<>() {
            @Override
            protected Tool call() {
                return context.catalogs().tool(catalog.id(), row.key()).orElse(null);
            }
        };
        task.setOnSucceeded(e -> {
            if (row == selectedTool.get()) {
                Tool tool = task.getValue();
                detailTool.set(tool);
                detailDocument.set(tool == null ? "" : Json.pretty(tool.documentJson()));
            }
        });
        task.setOnFailed(e -> status.set(Messages.readable("Reading tool " + row.key(), task.getException())));
        context.run(task);
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
