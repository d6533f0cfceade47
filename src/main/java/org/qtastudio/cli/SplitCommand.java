package org.qtastudio.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code split}: moves queries between train, test and unlabelled, by key or at random. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Assign queries to train/test/unlabelled: named ones (--queries), or a seeded random share of the labelled ones (--train-fraction).")
public final class SplitCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions ws;

    @Mixin
    CatalogOption catalog;

    @ArgGroup(multiplicity = "1")
    Mode mode;

    static final class Mode {
        @ArgGroup(exclusive = false)
        Named named;

        @Option(names = "--train-fraction", paramLabel = "F",
                description = "Put this share of the labelled queries in train and the rest in test (seeded).")
        Double trainFraction;
    }

    static final class Named {
        @Option(names = "--queries", paramLabel = "KEY", split = ",", required = true, description = "Query keys.")
        List<String> keys;

        @Option(names = "--to", paramLabel = "SPLIT", required = true, description = "train, test or unlabelled.")
        String to;
    }

    @Option(names = "--seed", description = "Seed of the random split (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (Workspace w = ws.open()) {
            CatalogStore store = new CatalogStore(w);
            Catalog c = catalog.resolve(store);
            if (mode.named != null) {
                Split to = Split.parse(mode.named.to);
                Map<String, Split> moves = new LinkedHashMap<>();
                mode.named.keys.forEach(k -> moves.put(k.strip(), to));
                store.setSplits(c.id(), moves);
                out.printf("Moved %d queries to %s.%n", mode.named.keys.size(), to.id());
            } else {
                double f = mode.trainFraction;
                if (f < 0 || f > 1) {
                    throw new IllegalArgumentException("--train-fraction must be between 0 and 1, not " + f);
                }
                List<String> labelled = new ArrayList<>(store.queries(c.id(), null).stream()
                        .filter(q -> !q.gold().isEmpty()).map(UserQuery::key).toList());
                Collections.shuffle(labelled, new Random(seed));
                int train = (int) Math.round(f * labelled.size());
                Map<String, Split> moves = new LinkedHashMap<>();
                for (int i = 0; i < labelled.size(); i++) {
                    moves.put(labelled.get(i), i < train ? Split.TRAIN : Split.TEST);
                }
                store.setSplits(c.id(), moves);
                out.printf("%d labelled queries: %d train, %d test (seed %d).%n", labelled.size(), train, labelled.size() - train, seed);
            }
        }
        out.flush();
        return 0;
    }
}
