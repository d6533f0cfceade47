package org.qtastudio.app.align;

import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.AlignedRewriter;
import org.qtastudio.align.RewriteEvaluator;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.WorkSlot;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.Split;
import org.qtastudio.common.Plurals;

/**
 * Part of the Align screen's state: "Evaluate on <split>" for a completed run. Every query of the split is rewritten
 * by the run's adapter and ranked as written, rewritten, and fused; the three evaluation runs are stored exactly as
 * {@code qta-studio rewrite --run N --split S} stores them (both build their request with {@link AlignedRewriter} and
 * run {@link RewriteEvaluator}), and whoever listens ({@link #setOnEvaluated}: the window opens Results) gets them.
 */
public final class RunEvaluation {

    private final AppContext context;
    private final WorkSlot slot;
    private final Consumer<String> message;
    private final ObjectProperty<AlignStore.AlignRun> run;
    private final ObjectProperty<Catalog> catalog;
    private final ObjectProperty<Split> split = new SimpleObjectProperty<>(Split.TEST);
    private final BooleanBinding possible;
    private Consumer<RewriteEvaluator.Outcome> onEvaluated = outcome -> { };

    RunEvaluation(AppContext context, WorkSlot slot, Consumer<String> message, ObjectProperty<AlignStore.AlignRun> run,
                  ObjectProperty<Catalog> catalog) {
        this.context = context;
        this.slot = slot;
        this.message = message;
        this.run = run;
        this.catalog = catalog;
        possible = Bindings.createBooleanBinding(() -> run.get() != null && run.get().status() == AlignStore.Status.completed
                && catalog.get() != null && split.get() != null && !slot.workingProperty().get(), run, catalog, split,
                slot.workingProperty());
    }

    /** Rewrites and evaluates the split with the selected completed run; null when that cannot start (the message says why). */
    public Task<RewriteEvaluator.Outcome> evaluate() {
        AlignStore.AlignRun r = run.get();
        Catalog c = catalog.get();
        Split s = split.get();
        if (r == null || r.status() != AlignStore.Status.completed) {
            message.accept(r == null ? "Select a completed run to evaluate." : "Run #" + r.id() + " has not completed: it has no adapter to evaluate yet.");
            return null;
        }
        if (c == null || s == null) {
            message.accept("Choose a catalog and the split to evaluate on.");
            return null;
        }
        return slot.begin("Evaluating run #" + r.id() + " on " + s.id(), progress -> {
            RewriteEvaluator.Request request = AlignedRewriter.of(r).asTrained(c.name(), s);
            return new RewriteEvaluator(context.workspace(), context.retrievers()).evaluate(request, progress);
        }, outcome -> {
            long better = outcome.rewrites().stream().filter(q -> q.rewriteDepth() < q.originalDepth()).count();
            long worse = outcome.rewrites().stream().filter(q -> q.rewriteDepth() > q.originalDepth()).count();
            message.accept(String.format(Locale.ROOT, "Run #%d evaluated on %s: stored runs #%d (original), #%d (rewrites) and #%d "
                            + "(fusion); the rewrite moved the last gold tool up for %s and down for %d.", r.id(), s.id(),
                    outcome.original().id(), outcome.rewritten().id(), outcome.fused().id(),
                    Plurals.count(better, "query", "queries"), worse));
            onEvaluated.accept(outcome);
        }, cancelled -> {
            if (cancelled) {
                message.accept("Evaluation of run #" + r.id() + " cancelled; nothing was stored.");
            }
        });
    }

    /** The split to evaluate on (test, at first). */
    public ObjectProperty<Split> splitProperty() {
        return split;
    }

    /** True while the selected run is completed and no other work runs. */
    public BooleanBinding possibleBinding() {
        return possible;
    }

    /** Called on the FX thread with the stored runs of each evaluation that completes. */
    public void setOnEvaluated(Consumer<RewriteEvaluator.Outcome> listener) {
        onEvaluated = listener == null ? outcome -> { } : listener;
    }
}
