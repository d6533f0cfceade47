package org.qtastudio.app.align;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.StoredPair;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.LatestTask;
import org.qtastudio.app.Messages;
import org.qtastudio.common.Plurals;

/**
 * Part of the Align screen's state: the selected run's preference pairs of its current round and their review
 * (accept, reject, reset, edit). A review shows at once and is stored in order on the workspace's write thread; a
 * run is reviewable while it is not completed and not running. Pairs load whenever the run or its round or status
 * changes, so a run that has finished sampling shows its pairs while it trains.
 */
public final class PairReview {

    private final AppContext context;
    private final AlignStore store;
    private final Consumer<String> message;
    private final ObjectProperty<AlignStore.AlignRun> run;
    private final BooleanSupplier runIsLive;
    private final ObservableList<StoredPair> pairs = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final LatestTask<List<StoredPair>> pairsLoad;

    PairReview(AppContext context, AlignStore store, Consumer<String> message, ObjectProperty<AlignStore.AlignRun> run,
               BooleanSupplier runIsLive) {
        this.context = context;
        this.pairsLoad = new LatestTask<>(context);
        this.store = store;
        this.message = message;
        this.run = run;
        this.runIsLive = runIsLive;
        pairs.addListener((ListChangeListener<StoredPair>) c -> updateSummary());
    }

    /** Reads the pairs of {@code r}'s current round (none for null); an older read that ends later is dropped. */
    void load(AlignStore.AlignRun r) {
        if (r == null) {
            pairsLoad.drop();
            pairs.clear();
            return;
        }
        pairsLoad.start(() -> store.pairs(r.id(), r.round()), pairs::setAll,
                e -> message.accept(Messages.readable("Reading the pairs of run #" + r.id(), e)));
    }

    /** Accepts, rejects or resets a pair; the table shows it at once and the workspace stores it in order. */
    public boolean review(StoredPair pair, StoredPair.Status status) {
        int index = indexOf(pair);
        if (index < 0 || !reviewable()) {
            return false;
        }
        pairs.set(index, new StoredPair(pair.id(), pair.round(), pair.queryKey(), pair.queryText(), pair.prompt(), pair.chosen(),
                pair.rejected(), pair.chosenScore(), pair.rejectedScore(), pair.candidates(), status, pair.edited(),
                pair.referenceChosen(), pair.referenceRejected()));
        AlignStore.AlignRun r = run.get();
        context.write(() -> store.setPairStatus(pair.id(), status), e -> {
            message.accept(Messages.readable("Saving the review", e));
            load(r);
        });
        return true;
    }

    /** Replaces a pair's chosen and rejected rewrites; the pair is marked edited once stored. */
    public void edit(StoredPair pair, String chosen, String rejected) {
        if (indexOf(pair) < 0 || !reviewable()) {
            return;
        }
        if (chosen.strip().equals(pair.chosen()) && rejected.strip().equals(pair.rejected())) {
            message.accept("Nothing to save: the texts are unchanged.");
            return;
        }
        long runId = run.get().id();
        context.write(() -> {
            store.editPair(pair.id(), chosen, rejected);
            StoredPair saved = store.pairs(runId, pair.round()).stream().filter(p -> p.id() == pair.id()).findFirst().orElseThrow();
            Platform.runLater(() -> {
                int index = indexOf(saved);
                if (index >= 0) {
                    pairs.set(index, saved);
                }
                message.accept("Pair of \"" + saved.queryText() + "\" saved as edited; its reference log-probabilities are "
                        + "computed again before training.");
            });
        }, e -> message.accept(Messages.readable("Saving the edit", e)));
    }

    private int indexOf(StoredPair pair) {
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).id() == pair.id()) {
                return i;
            }
        }
        return -1;
    }

    private boolean reviewable() {
        AlignStore.AlignRun r = run.get();
        if (r == null) {
            return false;
        }
        if (r.status() == AlignStore.Status.completed) {
            message.accept("Run #" + r.id() + " is completed: its pairs no longer change its training. Start a new run to "
                    + "review new pairs.");
            return false;
        }
        if (runIsLive.getAsBoolean()) {
            message.accept("Run #" + r.id() + " is running: cancel it (Esc) before changing its pairs.");
            return false;
        }
        return true;
    }

    private void updateSummary() {
        long accepted = pairs.stream().filter(p -> p.status() == StoredPair.Status.accepted).count();
        long rejected = pairs.stream().filter(p -> p.status() == StoredPair.Status.rejected).count();
        long edited = pairs.stream().filter(StoredPair::edited).count();
        summary.set(pairs.isEmpty() ? "" : Plurals.count(pairs.size(), "pair", "pairs") + ": " + accepted + " accepted, "
                + rejected + " rejected, " + (pairs.size() - accepted - rejected) + " pending, " + edited + " edited");
    }

    /** The selected run's pairs of its current round. */
    public ObservableList<StoredPair> pairs() {
        return pairs;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
