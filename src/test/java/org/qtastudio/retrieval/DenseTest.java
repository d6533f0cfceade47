package org.qtastudio.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qtastudio.retrieval.TestTools.tool;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.CancelledException;
import org.qtastudio.common.Progress;
import org.qtastudio.retrieval.dense.DenseRetriever;
import org.qtastudio.retrieval.dense.Embedder;
import org.qtastudio.retrieval.dense.EmbeddingStore;
import org.qtastudio.retrieval.dense.EmbeddingModel;
import org.qtastudio.retrieval.dense.EmbeddingModels;
import org.qtastudio.retrieval.dense.OnnxEmbeddingModel;
import org.qtastudio.retrieval.dense.Pooling;
import org.qtastudio.store.Workspace;

class DenseTest {

    @TempDir
    Path dir;

    private static final List<Tool> TOOLS = List.of(
            tool("weather", "Get the current weather and the forecast for a city."),
            tool("stocks", "Look up stock prices and market data."),
            tool("email", "Send an email to a contact."),
            tool("blank", ""));

    @Test
    void embedsNormalisedVectorsAndRanksBySimilarity() {
        EmbeddingModel model = OnnxEmbeddingModel.miniLm();
        assertEquals(384, model.dimension());
        float[][] v = model.embed(List.of("hello world", "a much longer sentence about tool retrieval with many words"));
        double norm = 0;
        for (float x : v[1]) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-5);
        // batching must not change vectors: padding is masked out
        float[] alone = model.embed(List.of("hello world"))[0];
        for (int d = 0; d < alone.length; d++) {
            assertEquals(alone[d], v[0][d], 1e-5);
        }
        DenseRetriever dense = new DenseRetriever(TOOLS, new RetrieverSpec.Dense("all-MiniLM-L6-v2", List.of(TextField.DESCRIPTION)),
                new Embedder(model, null, 2), Progress.NONE);
        assertEquals("weather", dense.rank("will it rain in Paris tomorrow?").hit(0).key());
        assertEquals("email", dense.search("write a message to my colleague", 2).getFirst().key());
        assertEquals(dense.rank("Wetter in München ☀ morgen").top(4), dense.search("Wetter in München ☀ morgen", 10));
        assertThrows(IllegalArgumentException.class, () -> dense.rank(" \t "));
    }

    @Test
    void longQueriesAreTruncatedWithAWarning() {
        DenseRetriever dense = new DenseRetriever(TOOLS, RetrieverSpec.Dense.defaults(),
                new Embedder(OnnxEmbeddingModel.miniLm(), null, 8), Progress.NONE);
        String longQuery = "weather forecast for the city please ".repeat(200);
        assertEquals(4, dense.rank(longQuery).size());
        assertEquals(1, dense.warnings().size());
        assertTrue(dense.warnings().getFirst().contains("truncated to the model's limit of 256"), dense.warnings().getFirst());

        List<Tool> withLongDocument = List.of(TOOLS.get(0), tool("manual", "a very long tool manual ".repeat(100)));
        DenseRetriever longTools = new DenseRetriever(withLongDocument, RetrieverSpec.Dense.defaults(),
                new Embedder(OnnxEmbeddingModel.miniLm(), null, 8), Progress.NONE);
        assertEquals(List.of("1 tool texts were longer than the model's limit of 256 tokens and were truncated; "
                + "only their beginning is matched"), longTools.warnings());
    }

    @Test
    void secondRunEmbedsNothingAndCancelStops() {
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            EmbeddingStore cache = new EmbeddingStore(ws);
            Embedder embedder = new Embedder(OnnxEmbeddingModel.miniLm(), cache, 2);
            DenseRetriever first = new DenseRetriever(TOOLS, RetrieverSpec.Dense.defaults(), embedder, Progress.NONE);
            assertEquals(4, first.embeddedTools());
            assertEquals(4, cache.count(OnnxEmbeddingModel.miniLm().id()));
            DenseRetriever second = new DenseRetriever(TOOLS, RetrieverSpec.Dense.defaults(), embedder, Progress.NONE);
            assertEquals(0, second.embeddedTools());
            assertEquals(first.rank("send mail").top(4), second.rank("send mail").top(4));
            assertEquals(0, embedder.embed(List.of("send mail"), Progress.NONE).computed(), "queries are cached too");

            AtomicInteger updates = new AtomicInteger();
            Progress cancelAfterOneBatch = new Progress() {
                @Override
                public void update(String message, long done, long total) {
                    updates.incrementAndGet();
                }

                @Override
                public boolean isCancelled() {
                    return updates.get() >= 1;
                }
            };
            assertThrows(CancelledException.class, () -> embedder.embed(List.of("x1", "x2", "x3", "x4", "x5"), cancelAfterOneBatch));
        }
    }

    @Test
    void registrationRefusesBrokenFoldersAndAcceptsAnOnnxExport() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("w.qta")); EmbeddingModels models = new EmbeddingModels(ws)) {
            Path missing = dir.resolve("nothing-here");
            assertTrue(assertThrows(IllegalArgumentException.class, () -> models.register("m", missing, Pooling.MEAN, true, 256))
                    .getMessage().contains("does not exist"));
            Path empty = Files.createDirectories(dir.resolve("empty"));
            String message = assertThrows(IllegalArgumentException.class, () -> models.register("m", empty, Pooling.MEAN, true, 256)).getMessage();
            assertTrue(message.contains("lacks model.onnx and tokenizer.json"), message);

            Path broken = Files.createDirectories(dir.resolve("broken"));
            copyResource("/all-minilm-l6-v2-tokenizer.json", broken.resolve("tokenizer.json"));
            Files.writeString(broken.resolve("model.onnx"), "not a model");
            message = assertThrows(IllegalArgumentException.class, () -> models.register("m", broken, Pooling.MEAN, true, 256)).getMessage();
            assertTrue(message.contains("as an ONNX model"), message);
            assertThrows(IllegalArgumentException.class, () -> models.register("all-MiniLM-L6-v2", broken, Pooling.MEAN, true, 256));
            assertThrows(IllegalArgumentException.class, () -> models.get("unregistered"));

            Path good = Files.createDirectories(dir.resolve("good"));
            copyResource("/all-minilm-l6-v2-tokenizer.json", good.resolve("tokenizer.json"));
            copyResource("/all-minilm-l6-v2.onnx", good.resolve("model.onnx"));
            EmbeddingModels.Registration r = models.register("minilm-cls", good, Pooling.CLS, false, 128);
            assertEquals(List.of(r), models.registered());
            assertThrows(IllegalArgumentException.class, () -> models.register("minilm-cls", good, Pooling.MEAN, true, 128));
            EmbeddingModel cls = models.get("minilm-cls");
            assertNotEquals(OnnxEmbeddingModel.miniLm().id(), cls.id());
            assertEquals(384, cls.embed(List.of("hello"))[0].length);
            assertEquals(128, cls.maxTokens());

            Files.delete(good.resolve("model.onnx"));
            models.close();
            message = assertThrows(IllegalArgumentException.class, () -> models.get("minilm-cls")).getMessage();
            assertTrue(message.contains("lacks model.onnx"), message);
        }
    }

    private static void copyResource(String name, Path target) throws Exception {
        try (InputStream in = DenseTest.class.getResourceAsStream(name)) {
            Files.copy(in, target);
        }
    }
}
