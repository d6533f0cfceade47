package org.qtastudio.app.catalog;

import java.util.List;
import java.util.function.Consumer;
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
import org.qtastudio.catalog.Deletion;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Json;

/**
 * State of the catalog browser: the catalogs, the selected catalog's tools filtered by the search box,
 * and the selected tool's detail. Loading runs off the FX thread; a newer selection cancels an older load.
 * Deleting tools or a catalog goes through the store's delete (the one {@code tools delete} and {@code catalogs
 * delete} use): first counted in a dry run for the confirmation, then done off the FX thread, then the lists reload.
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
    private final LatestTask<LoadedTools> toolLoad;
    private final ReadOnlyObjectWrapper<LongestTexts> longestTexts = new ReadOnlyObjectWrapper<>(LongestTexts.NONE);
    private final LatestTask<Tool> detailLoad;
    private final LatestTask<Deletion> deletionCount;

    public CatalogBrowserViewModel(AppContext context) {
        this.context = context;
        this.catalogLoad = new LatestTask<>(context);
        this.toolLoad = new LatestTask<>(context);
        this.detailLoad = new LatestTask<>(context);
        this.deletionCount = new LatestTask<>(context);
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
        toolLoad.start(() -> LoadedTools.of(context.catalogs().toolSummaries(catalog.id()).stream().map(ToolRow::of).toList()), loaded -> {
            loading.set(false);
            longestTexts.set(loaded.longest());
            toolSearch.setTools(loaded.rows(), searchText.get());
        }, error -> {
            loading.set(false);
            status.set(Messages.readable("Loading the tools of " + catalog.name(), error));
        });
    }

    /** A catalog's rows with their longest texts, both made off the FX thread. */
    private record LoadedTools(List<ToolRow> rows, LongestTexts longest) {
        static LoadedTools of(List<ToolRow> rows) {
            return new LoadedTools(rows, LongestTexts.of(rows));
        }
    }

    /** The longest keys and names of the selected catalog's tools, from which the view sizes its columns. */
    public ReadOnlyObjectProperty<LongestTexts> longestTextsProperty() {
        return longestTexts.getReadOnlyProperty();
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

    /**
     * Counts off the FX thread what deleting these tools of the selected catalog would remove (a dry run, nothing
     * deleted) and hands it to {@code onCount}, which asks the user with {@link #toolConfirmation}.
     */
    public Task<Deletion> countToolDeletion(List<String> keys, Consumer<Deletion> onCount) {
        Catalog catalog = selectedCatalog.get();
        return deletionCount.start(() -> context.catalogs().deleteTools(catalog, keys, true), onCount,
                error -> status.set(Messages.readable("Counting what deleting " + keys.size() + " tools would remove", error)));
    }

    /** As {@link #countToolDeletion} for a whole catalog; the question is {@link #catalogConfirmation}. */
    public Task<Deletion> countCatalogDeletion(Catalog catalog, Consumer<Deletion> onCount) {
        return deletionCount.start(() -> context.catalogs().deleteCatalog(catalog, true), onCount,
                error -> status.set(Messages.readable("Counting what deleting catalog " + catalog.name() + " would remove", error)));
    }

    /** Deletes these tools of the selected catalog in one transaction off the FX thread, then reloads the lists. */
    public Task<Deletion> deleteTools(List<String> keys) {
        Catalog catalog = selectedCatalog.get();
        return delete("Deleting " + keys.size() + " tools of " + catalog.name(), () -> context.catalogs().deleteTools(catalog, keys, false),
                d -> String.format("Deleted %,d tools of '%s'; %,d gold references are now unresolved gold.", d.tools(), d.catalog(),
                        d.unresolvedGold().isEmpty() ? 0 : d.goldReferences()));
    }

    /** Deletes the catalog with its tools, queries, gold and alignment runs off the FX thread, then reloads the lists. */
    public Task<Deletion> deleteCatalog(Catalog catalog) {
        return delete("Deleting catalog " + catalog.name(), () -> context.catalogs().deleteCatalog(catalog, false),
                d -> String.format("Deleted catalog '%s' (%,d tools, %,d queries).", d.catalog(), d.tools(), d.queries()));
    }

    private Task<Deletion> delete(String title, java.util.concurrent.Callable<Deletion> work, java.util.function.Function<Deletion, String> done) {
        Task<Deletion> task = new Task<>() {
            @Override
            protected Deletion call() throws Exception {
                updateTitle(title);
                return work.call();
            }
        };
        status.set(title + "…");
        task.setOnSucceeded(e -> {
            status.set(done.apply(task.getValue()));
            refreshCatalogs();
        });
        task.setOnFailed(e -> status.set(Messages.readable(title, task.getException())));
        return context.run(task);
    }

    /** The question asked before deleting tools: how many go, and how many gold references become unresolved. */
    public static String toolConfirmation(Deletion d) {
        return String.format("Delete %,d %s of catalog '%s'?", d.tools(), d.tools() == 1 ? "tool" : "tools", d.catalog())
                + (d.unresolvedGold().isEmpty() ? " No query's gold names them."
                        : String.format(" %,d gold references of %,d queries name them and become unresolved gold on those queries.",
                                d.goldReferences(), d.unresolvedGold().size()))
                + runsKept(d) + " This cannot be undone.";
    }

    /** The question asked before deleting a catalog: everything that goes with it. */
    public static String catalogConfirmation(Deletion d) {
        return String.format("Delete catalog '%s' with its %,d tools, %,d queries, %,d gold references and %,d alignment runs?",
                d.catalog(), d.tools(), d.queries(), d.goldReferences(), d.alignRuns()) + runsKept(d) + " This cannot be undone.";
    }

    private static String runsKept(Deletion d) {
        return d.evalRunsKept() > 0 ? String.format(" The catalog's %,d evaluation runs stay readable.", d.evalRunsKept()) : "";
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
