package org.qtastudio.retrieval.dense;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OrtException;
import java.util.Arrays;

/**
 * Run in a child JVM by {@link OnnxShutdownTest}: begins a JVM shutdown that a hook holds open (as the command line's
 * Ctrl-C handling does) and then runs the built-in model's session on an input that makes ONNX Runtime fail, after
 * ONNX Runtime's own hook has freed its environment.
 */
public final class EmbedWhileShuttingDown {

    private EmbedWhileShuttingDown() {
    }

    public static void main(String[] args) throws Exception {
        OnnxEmbeddingModel model = OnnxEmbeddingModel.miniLm();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> sleep(4_000)));
        new Thread(() -> System.exit(0)).start();
        sleep(1_000); // ONNX Runtime's shutdown hook has run by now
        try {
            model.run(new Encoding[] {tokens(600)}).close(); // 600 positions: the model has 512
            System.out.println("ran");
        } catch (OrtException e) {
            System.out.println("refused: " + e.getMessage().lines().findFirst().orElse(""));
        }
        System.out.flush();
    }

    /** An encoding of {@code n} tokens, longer than any tokenizer of the model would produce. */
    private static Encoding tokens(int n) {
        long[] ids = new long[n];
        Arrays.fill(ids, 2000);
        long[] ones = new long[n];
        Arrays.fill(ones, 1);
        return new Encoding(ids, new long[n], new String[n], new long[n], ones, new long[n], new long[n], new CharSpan[n], false,
                new Encoding[0]) { };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
