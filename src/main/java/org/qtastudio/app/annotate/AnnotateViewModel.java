package org.qtastudio.app.annotate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.catalog.ToolRow;
import org.qtastudio.app.catalog.ToolSearch;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.common.Progress;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.RetrieverSpec;

/**
 * State of the Annotate screen: the catalog's queries, the selected query's gold set, the tool search used
 * to tick gold tools, and an undo stack. Changes show at once and are written in order off the FX thread.
 */
public final class AnnotateViewModel {

    private static final int SUGGESTIONS = 8;

    private final AppContext context;
    private final ObjectProperty<Catalog> catalog = new SimpleObjectProperty<>();
    private final ObservableList<UserQuery> queries = FXCollections.observableArrayList();
    private final ObjectProperty<UserQuery> selectedQuery = new SimpleObjectProperty<>();
    private final ToolSearch toolResults;
    private final ObservableList<ToolRow> suggestions = FXCollections.observableArrayList();
    private final Object suggestionLock = new Object();
    private Map<String, ToolRow> rowsByKey = Map.of();
    private Retriever suggester;
    private long suggesterCatalog = -1;
    private final StringProperty toolSearch = new SimpleStringProperty("");
    private final ObservableList<String> gold = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final Deque<Edit> undo = new ArrayDeque<>();

    /** One reversible change: the query's gold set and split before it. */
    private record Edit(String queryKey, List<String> gold, Split split) {
    }

    public AnnotateViewModel(AppContext context) {
        this.context = context;
        this.toolResults = new ToolSearch(context, () -> { });
        catalog.addListener((obs, old, c) -> load(c));
        toolSearch.addListener((obs, old, typed) -> toolResults.search(typed));
        selectedQuery.addListener((obs, old, q) -> {
            gold.setAll(q == null ? List.of() : q.gold());
            if (q != null && (old == null || !old.text().equals(q.text()))) {
                suggest(q);
            }
        });
    }

    /**
     * Shows the default BM25's top tools for the query as suggestions (the index is built once per catalog and
     * kept in the workspace's side folder).
     */
    private void suggest(UserQuery q) {
        Catalog c = catalog.get();
        Map<String, ToolRow> byKey = rowsByKey;
        Task<List<ToolRow>> task = new Task<>() {
            @Override
            protected List<ToolRow> call() {
                synchronized (suggestionLock) {
                    if (suggester == null || suggesterCatalog != c.id()) {
                        if (suggester != null) {
                            suggester.close();
                        }
                        suggester = context.retrievers().open(c, RetrieverSpec.Bm25.defaults(), Progress.NONE);
                        suggesterCatalog = c.id();
                    }
                    return suggester.search(q.text(), SUGGESTIONS).stream()
                            .map(h -> byKey.get(h.key())).filter(java.util.Objects::nonNull).toList();
                }
            }
        };
        task.setOnSucceeded(e -> {
            if (q.equals(selectedQuery.get())) {
                suggestions.setAll(task.getValue());
            }
        });
        task.setOnFailed(e -> suggestions.clear());
        context.run(task);
    }

    private void load(Catalog c) {
        queries.clear();
        toolResults.clear();
        undo.clear();
        if (c == null) {
            updateProgress();
            return;
        }
        Task<Loaded> task = new Task<>() {
            @Override
            protected Loaded call() {
                List<ToolRow> tools = context.catalogs().toolSummaries(c.id()).stream().map(ToolRow::of).toList();
                Map<String, ToolRow> byKey = new HashMap<>();
                tools.forEach(r -> byKey.putIfAbsent(r.key(), r));
                return new Loaded(context.catalogs().queries(c.id(), null), tools, byKey);
            }
        };
        task.setOnSucceeded(e -> {
            if (c.equals(catalog.get())) {
                queries.setAll(task.getValue().queries());
                rowsByKey = task.getValue().toolsByKey();
                toolResults.setTools(task.getValue().tools(), toolSearch.get());
                selectedQuery.set(queries.isEmpty() ? null : queries.get(0));
                updateProgress();
            }
        });
        task.setOnFailed(e -> message.set("Could not load the catalog: " + task.getException().getMessage()));
        context.run(task);
    }

    /** A catalog's queries and tool rows, with the rows indexed off the FX thread. */
    private record Loaded(List<UserQuery> queries, List<ToolRow> tools, Map<String, ToolRow> toolsByKey) {
    }

    /** Adds a gold tool to the selected query, or removes it when it is already gold. */
    public void toggleGold(String toolKey) {
        UserQuery q = selectedQuery.get();
        if (q == null) {
            message.set("Select or add a query first.");
            return;
        }
        Set<String> next = new LinkedHashSet<>(q.gold());
        if (!next.remove(toolKey)) {
            next.add(toolKey);
        }
        apply(q, List.copyOf(next), q.split(), true);
    }

    /** Moves the selected query to another split. */
    public void setSplit(Split split) {
        UserQuery q = selectedQuery.get();
        if (q != null && q.split() != split) {
            apply(q, q.gold(), split, true);
        }
    }

    /** Reverts the last change; returns false when there is nothing to undo. */
    public boolean undo() {
        Edit edit = undo.pollFirst();
        if (edit == null) {
            message.set("Nothing to undo.");
            return false;
        }
        queries.stream().filter(q -> q.key().equals(edit.queryKey())).findFirst().ifPresent(q -> {
            apply(q, edit.gold(), edit.split(), false);
            selectedQuery.set(find(q.key()));
        });
        return true;
    }

    private void apply(UserQuery q, List<String> newGold, Split newSplit, boolean recordUndo) {
        if (recordUndo) {
            undo.push(new Edit(q.key(), q.gold(), q.split()));
        }
        UserQuery updated = new UserQuery(q.key(), q.text(), newSplit, newGold);
        int index = queries.indexOf(q);
        if (index >= 0) {
            queries.set(index, updated);
        }
        if (q.equals(selectedQuery.get())) {
            selectedQuery.set(updated);
        }
        updateProgress();
        long catalogId = catalog.get().id();
        context.write(() -> {
            context.catalogs().setGold(catalogId, q.key(), newGold);
            if (newSplit != q.split()) {
                context.catalogs().setSplits(catalogId, java.util.Map.of(q.key(), newSplit));
            }
        }, error -> message.set("Could not save: " + error.getMessage()));
    }

    /** Adds a new query (train split) and selects it, ready for its gold tools. */
    public void addQuery(String text) {
        Catalog c = catalog.get();
        if (c == null || text == null || text.isBlank()) {
            return;
        }
        Task<UserQuery> task = new Task<>() {
            @Override
            protected UserQuery call() {
                return context.catalogs().addQuery(c.id(), text, Split.TRAIN, List.of());
            }
        };
        task.setOnSucceeded(e -> {
            queries.add(task.getValue());
            selectedQuery.set(task.getValue());
            updateProgress();
        });
        task.setOnFailed(e -> message.set(task.getException().getMessage()));
        context.run(task);
    }

    /** Selects the query after the current one (Enter when done with a query). */
    public void nextQuery() {
        int i = queries.indexOf(selectedQuery.get());
        if (i + 1 < queries.size()) {
            selectedQuery.set(queries.get(i + 1));
        }
    }

    private UserQuery find(String key) {
        return queries.stream().filter(q -> q.key().equals(key)).findFirst().orElse(null);
    }

    private void updateProgress() {
        long labelled = queries.stream().filter(q -> !q.gold().isEmpty()).count();
        long train = queries.stream().filter(q -> q.split() == Split.TRAIN && !q.gold().isEmpty()).count();
        long test = queries.stream().filter(q -> q.split() == Split.TEST && !q.gold().isEmpty()).count();
        progressText.set(String.format("%d of %d queries annotated · %d train · %d test", labelled, queries.size(), train, test));
    }

    public ObjectProperty<Catalog> catalogProperty() {
        return catalog;
    }

    public ObservableList<UserQuery> queries() {
        return queries;
    }

    public ObjectProperty<UserQuery> selectedQueryProperty() {
        return selectedQuery;
    }

    /** The retriever's top tools for the selected query, to tick without searching. */
    public ObservableList<ToolRow> suggestions() {
        return suggestions;
    }

    /** Tools matching the tool search; replaced as a whole by each finished search. */
    public ObjectProperty<ObservableList<ToolRow>> toolResultsProperty() {
        return toolResults.matchesProperty();
    }

    public StringProperty toolSearchProperty() {
        return toolSearch;
    }

    /** Gold tool keys of the selected query. */
    public ObservableList<String> gold() {
        return gold;
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
