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
import javafx.collections.transformation.FilteredList;
import javafx.concurrent.Task;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.LatestTask;
import org.qtastudio.app.Messages;
import org.qtastudio.app.catalog.ToolRow;
import org.qtastudio.app.catalog.ToolSearch;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.Deletion;
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
    private final ObservableList<Suggestion> suggestions = FXCollections.observableArrayList();
    private final FilteredList<UserQuery> shownQueries = new FilteredList<>(queries);
    private final ObjectProperty<Split> splitFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<Annotated> annotatedFilter = new SimpleObjectProperty<>(Annotated.ALL);
    private final StringProperty textFilter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper emptyReason = new ReadOnlyStringWrapper("");
    private final LatestTask<Loaded> loading;
    private final LatestTask<List<Suggestion>> suggesting;
    private final Object suggestionLock = new Object();
    private Map<String, ToolRow> rowsByKey = Map.of();
    private Retriever suggester;
    private long suggesterCatalog = -1;
    private final StringProperty toolSearch = new SimpleStringProperty("");
    private final ObservableList<String> gold = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final Deque<Edit> undo = new ArrayDeque<>();

    /** The annotated/not filter of the query list. */
    public enum Annotated {
        ALL("all queries"), ANNOTATED("annotated"), NOT_ANNOTATED("not annotated");

        private final String label;

        Annotated(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A tool the default BM25 ranks for the selected query, with its score (zero-score tools are left out). */
    public record Suggestion(ToolRow row, double score) {
        public String key() {
            return row.key();
        }
    }

    /** One reversible change: the query's gold set and split before it. */
    private record Edit(String queryKey, List<String> gold, Split split) {
    }

    public AnnotateViewModel(AppContext context) {
        this.context = context;
        this.toolResults = new ToolSearch(context, () -> { });
        this.loading = new LatestTask<>(context);
        this.suggesting = new LatestTask<>(context);
        catalog.addListener((obs, old, c) -> load(c, true));
        splitFilter.addListener((obs, old, v) -> applyFilter());
        annotatedFilter.addListener((obs, old, v) -> applyFilter());
        textFilter.addListener((obs, old, v) -> applyFilter());
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
        if (c == null) {
            return;
        }
        suggesting.start(() -> {
            synchronized (suggestionLock) {
                if (suggester == null || suggesterCatalog != c.id()) {
                    if (suggester != null) {
                        suggester.close();
                    }
                    suggester = context.retrievers().open(c, RetrieverSpec.Bm25.defaults(), Progress.NONE);
                    suggesterCatalog = c.id();
                }
                return suggester.search(q.text(), SUGGESTIONS).stream()
                        .filter(h -> h.score() > 0 && byKey.containsKey(h.key()))
                        .map(h -> new Suggestion(byKey.get(h.key()), h.score())).toList();
            }
        }, found -> {
            if (q.equals(selectedQuery.get())) {
                suggestions.setAll(found);
            }
        }, error -> {
            suggestions.clear();
            message.set(Messages.readable("Suggesting tools", error));
        });
    }

    /**
     * Reads the catalog's queries and tools again (F5, or another process changed the workspace), keeping the
     * selected query and the filters.
     */
    public void reload() {
        load(catalog.get(), false);
    }

    private void load(Catalog c, boolean newCatalog) {
        String keep = !newCatalog && selectedQuery.get() != null ? selectedQuery.get().key() : null;
        if (newCatalog) {
            queries.clear();
            toolResults.clear();
            undo.clear();
            suggestions.clear();
        }
        if (c == null) {
            loading.drop();
            updateProgress();
            return;
        }
        loading.start(() -> {
            List<ToolRow> tools = context.catalogs().toolSummaries(c.id()).stream().map(ToolRow::of).toList();
            Map<String, ToolRow> byKey = new HashMap<>();
            tools.forEach(r -> byKey.putIfAbsent(r.key(), r));
            return new Loaded(context.catalogs().queries(c.id(), null), tools, byKey);
        }, loaded -> {
            queries.setAll(loaded.queries());
            rowsByKey = loaded.toolsByKey();
            toolResults.setTools(loaded.tools(), toolSearch.get());
            if (newCatalog && shownQueries.isEmpty() && !queries.isEmpty() && filtering()) {
                clearFilters();
                message.set("The query filters matched none of " + c.name() + "'s queries, so they were cleared.");
            }
            UserQuery again = keep == null ? null : find(keep);
            selectedQuery.set(again != null ? again : shownQueries.isEmpty() ? null : shownQueries.get(0));
            updateProgress();
        }, error -> message.set(Messages.readable("Loading the catalog " + c.name(), error)));
    }

    private boolean filtering() {
        return splitFilter.get() != null || annotatedFilter.get() != Annotated.ALL || !textFilter.get().isBlank();
    }

    /** Shows every query again. */
    public void clearFilters() {
        splitFilter.set(null);
        annotatedFilter.set(Annotated.ALL);
        textFilter.set("");
    }

    private void applyFilter() {
        Split split = splitFilter.get();
        Annotated annotated = annotatedFilter.get() == null ? Annotated.ALL : annotatedFilter.get();
        String[] words = textFilter.get() == null ? new String[0]
                : textFilter.get().toLowerCase(java.util.Locale.ROOT).strip().split("\\s+");
        shownQueries.setPredicate(q -> (split == null || q.split() == split)
                && (annotated == Annotated.ALL || (annotated == Annotated.ANNOTATED) == !q.gold().isEmpty())
                && java.util.Arrays.stream(words).allMatch(w -> q.text().toLowerCase(java.util.Locale.ROOT).contains(w)
                        || q.key().toLowerCase(java.util.Locale.ROOT).contains(w)));
        updateProgress();
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
        task.setOnFailed(e -> message.set(Messages.readable("Adding the query", task.getException())));
        context.run(task);
    }

    /** The question asked before {@link #deleteSelectedQuery}. */
    public static String queryConfirmation(UserQuery q) {
        int gold = q.gold().size();
        return "Delete query '" + q.key() + "' (\"" + q.text() + "\")" + (gold == 0 ? "" : " with its " + gold
                + (gold == 1 ? " gold tool" : " gold tools")) + "? Evaluation runs that used it stay readable. This cannot be undone.";
    }

    /** Deletes the selected query with its gold in one transaction off the FX thread, then selects the next one shown. */
    public void deleteSelectedQuery() {
        Catalog c = catalog.get();
        UserQuery q = selectedQuery.get();
        if (c == null || q == null) {
            return;
        }
        Task<Deletion> task = new Task<>() {
            @Override
            protected Deletion call() {
                return context.catalogs().deleteQueries(c, List.of(q.key()), false);
            }
        };
        task.setOnSucceeded(e -> {
            int at = shownQueries.indexOf(q);
            queries.remove(q);
            selectedQuery.set(shownQueries.isEmpty() ? null : shownQueries.get(Math.min(Math.max(at, 0), shownQueries.size() - 1)));
            message.set("Deleted query '" + q.key() + "'.");
            updateProgress();
        });
        task.setOnFailed(e -> message.set(Messages.readable("Deleting query '" + q.key() + "'", task.getException())));
        context.run(task);
    }

    /** Selects the query after the current one among those the filters show (Enter when done with a query). */
    public void nextQuery() {
        int i = shownQueries.indexOf(selectedQuery.get());
        if (i + 1 < shownQueries.size()) {
            selectedQuery.set(shownQueries.get(i + 1));
        }
    }

    private UserQuery find(String key) {
        return queries.stream().filter(q -> q.key().equals(key)).findFirst().orElse(null);
    }

    private void updateProgress() {
        long labelled = queries.stream().filter(q -> !q.gold().isEmpty()).count();
        long train = queries.stream().filter(q -> q.split() == Split.TRAIN && !q.gold().isEmpty()).count();
        long test = queries.stream().filter(q -> q.split() == Split.TEST && !q.gold().isEmpty()).count();
        progressText.set(String.format("%d of %d %s annotated · %d train · %d test%s", labelled, queries.size(),
                queries.size() == 1 ? "query" : "queries", train, test,
                shownQueries.size() == queries.size() ? "" : String.format(" · %d shown", shownQueries.size())));
        Catalog c = catalog.get();
        emptyReason.set(c == null ? "Choose a catalog."
                : queries.isEmpty() ? c.name() + " has no queries yet: type one above and press Enter."
                : shownQueries.isEmpty() ? "No query matches the filters (" + describeFilters() + "). Clear them to see all "
                        + queries.size() + "."
                : "");
    }

    private String describeFilters() {
        List<String> parts = new java.util.ArrayList<>();
        if (splitFilter.get() != null) {
            parts.add("split " + splitFilter.get().id());
        }
        if (annotatedFilter.get() != Annotated.ALL) {
            parts.add(annotatedFilter.get().label());
        }
        if (!textFilter.get().isBlank()) {
            parts.add("text \"" + textFilter.get().strip() + "\"");
        }
        return String.join(", ", parts);
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

    /** The retriever's top tools for the selected query with their scores, to tick without searching. */
    public ObservableList<Suggestion> suggestions() {
        return suggestions;
    }

    /** The queries the filters let through, in catalog order. */
    public ObservableList<UserQuery> shownQueries() {
        return shownQueries;
    }

    /** Only queries of this split; null for every split. */
    public ObjectProperty<Split> splitFilterProperty() {
        return splitFilter;
    }

    public ObjectProperty<Annotated> annotatedFilterProperty() {
        return annotatedFilter;
    }

    /** Words every shown query's text (or key) contains. */
    public StringProperty textFilterProperty() {
        return textFilter;
    }

    /** Why the query list is empty (no queries, or none passes the filters); empty when it is not. */
    public ReadOnlyStringProperty emptyReasonProperty() {
        return emptyReason.getReadOnlyProperty();
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
