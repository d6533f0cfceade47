package org.qtastudio.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.PairExport;
import org.qtastudio.align.StoredPair;
import org.qtastudio.common.Json;
import org.qtastudio.store.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pairs}: review the preference pairs of an alignment run before (or after) training. */
@Command(name = "pairs", mixinStandardHelpOptions = true,
        description = "List, accept, reject, edit or export the preference pairs of an alignment run.",
        subcommands = {PairsCommand.ListPairs.class, PairsCommand.Accept.class, PairsCommand.Reject.class,
                PairsCommand.Edit.class, PairsCommand.Export.class})
public final class PairsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The run and round whose pairs a subcommand works on. */
    static final class RunOptions {
        @Option(names = "--run", required = true, paramLabel = "RUN", description = "Alignment run id.")
        long run;

        @Option(names = "--round", paramLabel = "R", description = "Round (default: the run's current one).")
        Integer round;

        int round(AlignStore store) {
            return round != null ? round : store.run(run).round();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the pairs with scores and review state.")
    static final class ListPairs implements Callable<Integer> {
        @Mixin
        WorkspaceOptions ws;
        @CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
        RunOptions target;
        @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE}).")
        OutputFormat format = OutputFormat.text;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            var o = spec.commandLine().getOut();
            try (Workspace w = ws.open()) {
                AlignStore store = new AlignStore(w);
                List<StoredPair> pairs = store.pairs(target.run, target.round(store));
                if (format == OutputFormat.json) {
                    o.println(Json.write(pairs));
                } else {
                    TextTable t = new TextTable("id", "state", "query", "chosen", "k(chosen)", "rejected", "k(rejected)");
                    for (StoredPair p : pairs) {
                        t.row(p.id(), p.status() + (p.edited() ? "*" : ""), p.queryText(), p.chosen(),
                                (long) -p.chosenScore().primary(), p.rejected(), (long) -p.rejectedScore().primary());
                    }
                    t.print(o, 48);
                    o.println(pairs.size() + " pairs; * = edited by a person; k = rank at which every gold tool is retrieved");
                }
            }
            o.flush();
            return 0;
        }
    }

    /** Sets the review state of pairs. */
    abstract static class Review implements Callable<Integer> {
        @Mixin
        WorkspaceOptions ws;
        @Parameters(paramLabel = "PAIR", arity = "1..*", description = "Pair ids.")
        List<Long> ids;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract StoredPair.Status status();

        @Override
        public Integer call() {
            try (Workspace w = ws.open()) {
                AlignStore store = new AlignStore(w);
                ids.forEach(id -> store.setPairStatus(id, status()));
            }
            spec.commandLine().getOut().printf("%d pairs %s%n", ids.size(), status());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "accept", mixinStandardHelpOptions = true, description = "Accept pairs for training.")
    static final class Accept extends Review {
        @Override
        StoredPair.Status status() {
            return StoredPair.Status.accepted;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject pairs: they never train.")
    static final class Reject extends Review {
        @Override
        StoredPair.Status status() {
            return StoredPair.Status.rejected;
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, description = "Replace a pair's chosen and rejected texts (marked as edited).")
    static final class Edit implements Callable<Integer> {
        @Mixin
        WorkspaceOptions ws;
        @Parameters(paramLabel = "PAIR", description = "Pair id.")
        long id;
        @Option(names = "--chosen", required = true, description = "Preferred rewrite.")
        String chosen;
        @Option(names = "--rejected", required = true, description = "Dispreferred rewrite.")
        String rejected;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Workspace w = ws.open()) {
                new AlignStore(w).editPair(id, chosen, rejected);
            }
            spec.commandLine().getOut().println("pair " + id + " edited; its reference log-probs are recomputed before training");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write the training pairs as TRL-style JSONL.")
    static final class Export implements Callable<Integer> {
        @Mixin
        WorkspaceOptions ws;
        @CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
        RunOptions target;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "JSONL file to write.")
        Path out;
        @Option(names = "--force", description = "Overwrite FILE when it exists (a workspace is never overwritten).")
        boolean force;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            int n;
            org.qtastudio.common.OutputFiles.checkTarget(out, force);
            try (Workspace w = ws.open()) {
                AlignStore store = new AlignStore(w);
                n = PairExport.writeTrlJsonl(store.pairs(target.run, target.round(store)), out, force);
            }
            spec.commandLine().getOut().printf("wrote %d pairs to %s%n", n, out);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
