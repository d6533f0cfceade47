package org.qtastudio.lm.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's autograd switch is per thread and DJL turns it off only on the thread that loads the engine; the GUI
 * trains on a pool thread, where it is on. The optimizer step must update the parameters there too.
 */
class AdamWTest {

    @Test
    void stepsOnAThreadOtherThanTheOneThatLoadedTheEngine() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray p = manager.create(new float[] {1, -2});
            p.setRequiresGradient(true);
            try (AdamW optimizer = new AdamW(List.of(p), 0.1, 0.9, 0.999, 1e-8, 0)) {
                float[] after = other.submit(() -> {
                    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        gc.backward(p.mul(p).sum());
                    }
                    optimizer.step(0);
                    return p.toFloatArray();
                }).get();
                // Adam's first step moves each parameter by the learning rate against its gradient's sign
                assertArrayEquals(new float[] {0.9f, -1.9f}, after, 1e-5f);
            }
        } finally {
            other.shutdown();
        }
    }
}
