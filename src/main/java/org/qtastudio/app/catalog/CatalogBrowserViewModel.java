package org.qtastudio.app.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
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
import org.qtastudio.catalog.Catalog;
import org.qtastudio.common.Json;

/**
 * State of the catalog browser: the catalogs, the selected catalog's tools filtered by the search box,
 * and the selected tool's detail. Loading runs off the FX thread; a newer selection cancels an older load.
 */
public final class CatalogBrowserViewModel {

    private final AppContext context;
    private final ObservableList<Catalog> catalogs = FXCollections.observableArrayList();
    private final ObjectProperty<Catalog> selectedCatalog = new SimpleObjectProperty<>();
    private List<ToolRow> tools = List.of();
    private final ObjectProperty<ObservableList<ToolRow>> visibleTools = new SimpleObjectProperty<>(FXCollections.observableArrayList());
    private final AtomicLong filterGeneration = new AtomicLong();
    private String filteredFor = "";
    private List<ToolRow> filtered = List.of();
    private final StringProperty searchText = new SimpleStringProperty("");
    private final ObjectProperty<ToolRow> selectedTool = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper detailDocument = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private Task<List<ToolRow>> toolLoad;

    public CatalogBrowserViewModel(AppContext context) {
        this.context = context;
        searchText.addListener((obs, old, typed) -> filter(typed));
        selectedCatalog.addListener((obs, old, catalog) -> loadTools(catalog));
        selectedTool.addListener((obs, old, row) -> detailDocument.set(row == null ? "" : Json.pretty(row.tool().documentJson())));
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
        tools = List.of();
        filtered = List.of();
        filteredFor = "";
        visibleTools.set(FXCollections.observableArrayList());
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
                return context.catalogs().tools(catalog.id()).stream().map(ToolRow::of).toList();
            }
        };
        task.setOnSucceeded(e -> {
            if (task == toolLoad) {
                tools = task.getValue();
                filtered = tools;
                filteredFor = "";
                loading.set(false);
                filter(searchText.get());
            }
        });
        task.setOnFailed(e -> {
            loading.set(false);
            status.set("Could not load tools: " + task.getException().getMessage());
        });
        toolLoad = task;
        context.run(task);
    }

    /**
     * Filters off the FX thread so typing never waits on 100,000 rows; only the newest result is shown, and
     * a search that extends the previous one narrows the previous matches instead of the whole catalog.
     */
    private void filter(String typed) {
        String text = typed == null ? "" : typed;
        long generation = filterGeneration.incrementAndGet();
        List<ToolRow> source = !filteredFor.isEmpty() && text.startsWith(filteredFor) ? filtered : tools;
        Task<List<ToolRow>> task = new Task<>() {
            @Override
            protected List<ToolRow> call() {
                Predicate<ToolRow> matches = ToolFilter.of(text);
                List<ToolRow> out = new ArrayList<>();
                for (ToolRow row : source) {
                    if (generation != filterGeneration.get()) {
                        return List.of();
                    }
                    if (matches.test(row)) {
                        out.add(row);
                    }
                }
                return out;
            }
        };
        task.setOnSucceeded(e -> {
            if (generation == filterGeneration.get()) {
                filtered = task.getValue();
                filteredFor = text;
                visibleTools.set(FXCollections.observableList(filtered));
                updateStatus();
            }
        });
        context.run(task);
    }

    private void updateStatus() {
        Catalog c = selectedCatalog.get();
        if (c == null) {
            return;
        }
        String typed = searchText.get() == null ? "" : searchText.get().strip();
        status.set(typed.isEmpty()
                ? String.format("%s: %,d tools, %,d queries", c.name(), tools.size(), c.queryCount())
                : String.format("%,d of %,d tools match \"%s\"", visibleTools.get().size(), tools.size(), typed));
    }

    public ObservableList<Catalog> catalogs() {
        return catalogs;
    }

    public ObjectProperty<Catalog> selectedCatalogProperty() {
        return selectedCatalog;
    }

    /** The rows matching the search; replaced as a whole when a new search finishes. */
    public ObjectProperty<ObservableList<ToolRow>> visibleToolsProperty() {
        return visibleTools;
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ObjectProperty<ToolRow> selectedToolProperty() {
        return selectedTool;
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
