package org.qtastudio.align;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.qtastudio.catalog.Split;
import org.qtastudio.common.Json;
import org.qtastudio.retrieval.RetrieverSpec;

/**
 * The rewriter a completed alignment run produced: its model folder, its adapter and the instruction it was trained
 * with, read from the run's records. The CLI's {@code rewrite --run} and the Align screen's "Evaluate on" both build
 * their {@link RewriteEvaluator.Request} here, so the same run evaluated either way stores the same runs.
 *
 * @param modelDir the base model the run trained on
 * @param adapter the trained adapter's folder
 * @param instruction the system instruction of the run's rewrite prompt
 * @param trainedWith the run's own request (its retriever, device and settings)
 */
public record AlignedRewriter(long runId, Path modelDir, Path adapter, String instruction, QtaAligner.Request trainedWith) {

    /**
     * Reads the rewriter of run {@code run}.
     *
     * @throws IllegalArgumentException when the run has not completed, so it has no adapter yet
     */
    public static AlignedRewriter of(AlignStore.AlignRun run) throws IOException {
        if (run.summaryJson() == null || run.status() != AlignStore.Status.completed) {
            throw new IllegalArgumentException("alignment run " + run.id() + " has not completed (" + run.status() + "); it has no adapter yet");
        }
        Path adapter = Path.of(Json.MAPPER.readTree(run.summaryJson()).get("adapter").asText());
        JsonNode settings = Json.MAPPER.readTree(run.settingsJson());
        String instruction = settings.path("settings").path("instruction").asText(AlignSettings.DEFAULT_INSTRUCTION);
        QtaAligner.Request request;
        try {
            request = Json.MAPPER.treeToValue(settings, QtaAligner.Request.class);
        } catch (IOException | RuntimeException e) {
            request = null; // an older run's settings: the CLI's options or defaults stand in
        }
        return new AlignedRewriter(run.id(), Path.of(run.model()), adapter, instruction, request);
    }

    /**
     * What to evaluate: {@code split} of {@code catalog} rewritten by this rewriter.
     *
     * @param modelDir the model folder, or null for the run's own
     */
    public RewriteEvaluator.Request request(String catalog, Split split, Path modelDir, String device, String dtype,
                                            RetrieverSpec retriever, int toolDocuments, int maxNewTokens,
                                            RewriteEvaluator.Mode mode, int samples, long seed, List<Integer> ks) {
        Path model = modelDir == null ? this.modelDir : modelDir;
        return new RewriteEvaluator.Request(catalog, split, model.toAbsolutePath().toString(), adapter.toAbsolutePath().toString(),
                device, dtype, retriever, instruction, toolDocuments, maxNewTokens, mode, samples, seed, ks, runId);
    }

    /**
     * The evaluation the Align screen runs: greedy rewrites with the run's own retriever, device, number of tool
     * documents and rewrite length, cut-offs 5 and 10; {@code rewrite --run N --split S --tool-docs D --max-new-tokens T}
     * with the run's retriever, device and dtype stores the same runs.
     */
    public RewriteEvaluator.Request asTrained(String catalog, Split split) {
        if (trainedWith == null) {
            throw new IllegalArgumentException("alignment run " + runId + " does not record its settings; evaluate it with "
                    + "qta-studio rewrite --run " + runId);
        }
        AlignSettings s = trainedWith.settings();
        return request(catalog, split, null, trainedWith.device(), trainedWith.dtype(), trainedWith.retriever(),
                s.toolDocuments(), s.maxNewTokens(), RewriteEvaluator.Mode.greedy, 4, 42, List.of(5, 10));
    }
}
