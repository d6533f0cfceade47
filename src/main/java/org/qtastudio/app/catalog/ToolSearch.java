package org.qtastudio.app.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.qtastudio.app.AppContext;

/**
 * Instant search over a catalog's tools that keeps the FX thread free with 100,000 rows: each search runs
 * in a background task, only the newest result is shown, and a search that extends the previous one narrows
 * the previous matches instead of scanning every tool again.
 */
public final class ToolSearch {

    private final AppContext context;
    private final Runnable onResult;
    private final ObjectProperty<ObservableList<ToolRow>> matches = new SimpleObjectProperty<>(FXCollections.observableArrayList());
    private final AtomicLong generation = new AtomicLong();
    private List<ToolRow> all = List.of();
    private String filteredFor = "";
    private List<ToolRow> filtered = List.of();

    /** @param onResult runs on the FX thread after each shown result (e.g. to update a status line) */
    public ToolSearch(AppContext context, Runnable onResult) {
        this.context = context;
        this.onResult = onResult;
    }

    /** Replaces the searched tools and shows those matching {@code typed}. */
    public void setTools(List<ToolRow> tools, String typed) {
        all = List.copyOf(tools);
        filtered = all;
        filteredFor = "";
        search(typed);
    }

    /** Forgets the tools (e.g. while another catalog loads); any search still running is dropped. */
    public void clear() {
        generation.incrementAndGet();
        all = List.of();
        filtered = List.of();
        filteredFor = "";
        matches.set(FXCollections.observableArrayList());
    }

    /** Starts a search for {@code typed}; call on the FX thread. */
    public void search(String typed) {
        String text = typed == null ? "" : typed;
        long mine = generation.incrementAndGet();
        List<ToolRow> source = !filteredFor.isEmpty() && text.startsWith(filteredFor) ? filtered : all;
        Task<List<ToolRow>> task = new Task<>() {
            @Override
            protected List<ToolRow> call() {
                Predicate<ToolRow> matchesText = ToolFilter.of(text);
                List<ToolRow> out = new ArrayList<>();
                for (ToolRow row : source) {
                    if (mine != generation.get()) {
                        return List.of();
                    }
                    if (matchesText.test(row)) {
                        out.add(row);
                    }
                }
                return out;
            }
        };
        task.setOnSucceeded(e -> {
            if (mine == generation.get()) {
                filtered = task.getValue();
                filteredFor = text;
                matches.set(FXCollections.observableList(filtered));
                onResult.run();
            }
        });
        context.run(task);
    }

    /** The tools matching the latest finished search; replaced as a whole by each new result. */
    public ObjectProperty<ObservableList<ToolRow>> matchesProperty() {
        return matches;
    }

    /** How many tools are searched. */
    public int size() {
        return all.size();
    }
}
