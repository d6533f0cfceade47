package org.qtastudio.serve;

import java.io.IOException;
import java.util.List;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.AlignedRewriter;
import org.qtastudio.align.Rewriter;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.lora.LoraAdapter;
import org.qtastudio.lm.model.LmRuntime;
import org.qtastudio.store.Workspace;

/**
 * The aligned rewriter of a completed alignment run, used as the rewrite evaluation uses it: the run's model and
 * adapter on the device and dtype it trained with, a prompt of the run's instruction, the query and the retriever's
 * top tool documents, and greedy decoding of at most the run's rewrite length.
 */
final class LmQueryRewriter implements QueryRewriter {

    private final AlignedRewriter run;
    private final Rewriter rewriter;
    private final LoraAdapter adapter;
    private final int toolDocuments;
    private final int maxNewTokens;

    private LmQueryRewriter(AlignedRewriter run, Rewriter rewriter, LoraAdapter adapter, AlignSettings settings) {
        this.run = run;
        this.rewriter = rewriter;
        this.adapter = adapter;
        this.toolDocuments = settings.toolDocuments();
        this.maxNewTokens = settings.maxNewTokens();
    }

    /** Loads the model and adapter of completed alignment run {@code runId}. */
    static LmQueryRewriter load(Workspace workspace, long runId) {
        try {
            AlignedRewriter run = AlignedRewriter.of(new AlignStore(workspace).run(runId));
            // a run from before settings were recorded: the defaults it was trained with then, on the CPU
            AlignSettings settings = run.trainedWith() == null ? AlignSettings.defaults() : run.trainedWith().settings();
            LmRuntime runtime = run.trainedWith() == null ? LmRuntime.cpu() : run.trainedWith().runtime();
            Rewriter rewriter = Rewriter.load(run.modelDir(), runtime, run.instruction());
            try {
                return new LmQueryRewriter(run, rewriter, LoraAdapter.load(rewriter.model(), run.adapter()), settings);
            } catch (IOException | RuntimeException e) {
                rewriter.close();
                throw e;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot load the rewriter of alignment run " + runId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int toolDocuments() {
        return toolDocuments;
    }

    @Override
    public String rewrite(String query, List<Tool> documents, Progress progress) {
        return rewriter.greedy(rewriter.promptIds(rewriter.promptText(query, documents)), maxNewTokens, progress);
    }

    @Override
    public String describe() {
        return "rewriter of alignment run " + run.runId() + " (" + run.modelDir().getFileName() + " + adapter, greedy, "
                + toolDocuments + (toolDocuments == 1 ? " tool document" : " tool documents") + ", at most " + maxNewTokens + " new tokens)";
    }

    @Override
    public void close() {
        try {
            adapter.close();
        } finally {
            rewriter.close();
        }
    }
}
