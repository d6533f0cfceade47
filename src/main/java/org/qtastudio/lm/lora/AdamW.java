package org.qtastudio.lm.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qtastudio.lm.safetensors.SafetensorsFile;
import org.qtastudio.lm.safetensors.SafetensorsWriter;

/**
 * AdamW (decoupled weight decay) over a fixed list of parameters, with global-norm gradient clipping as
 * PyTorch's {@code clip_grad_norm_} does it. Written out because DJL's built-in clipping is element-wise. DJL
 * gradients accumulate across {@code backward()} calls (which is what gradient accumulation wants), so
 * {@link #step} zeroes them after updating. Call it after the gradient collector is closed.
 */
public final class AdamW implements AutoCloseable {

    private final List<NDArray> params;
    private final NDManager manager;
    private final NDArray[] m;
    private final NDArray[] v;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private double learningRate;
    private int steps;

    public AdamW(List<NDArray> params, double learningRate, double beta1, double beta2, double eps,
            double weightDecay) {
        this.params = List.copyOf(params);
        this.manager = params.get(0).getManager().newSubManager();
        this.m = new NDArray[params.size()];
        this.v = new NDArray[params.size()];
        for (int i = 0; i < params.size(); i++) {
            m[i] = manager.zeros(params.get(i).getShape(), params.get(i).getDataType());
            v[i] = manager.zeros(params.get(i).getShape(), params.get(i).getDataType());
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
    public static AdamW withDefaults(List<NDArray> params, double learningRate) {
        return new AdamW(params, learningRate, 0.9, 0.999, 1e-8, 0.01);
    }

    /** For schedules (warm-up, cosine): the rate the next step uses. */
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    public double learningRate() {
        return learningRate;
    }

    /** Steps taken so far. */
    public int steps() {
        return steps;
    }

    /**
     * Clips the accumulated gradients to a global L2 norm of {@code maxNorm} (no clipping when
     * {@code maxNorm <= 0}), updates every parameter, and zeroes the gradients.
     *
     * @return the global gradient norm before clipping; when it is not finite, no parameter is changed
     */
    public double step(double maxNorm) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning(); // closes every intermediate array at the end
            NDArray[] grads = new NDArray[params.size()];
            double sumSquares = 0;
            for (int i = 0; i < grads.length; i++) {
                grads[i] = params.get(i).getGradient();
                sumSquares += grads[i].square().sum().getFloat();
            }
            double norm = Math.sqrt(sumSquares);
            if (Double.isFinite(norm)) {
                double clip = maxNorm > 0 && norm > maxNorm ? maxNorm / (norm + 1e-6) : 1.0;
                steps++;
                double bias1 = 1 - Math.pow(beta1, steps);
                double bias2 = 1 - Math.pow(beta2, steps);
                for (int i = 0; i < grads.length; i++) {
                    NDArray g = grads[i].mul(clip);
                    m[i].muli(beta1).addi(g.mul(1 - beta1));
                    v[i].muli(beta2).addi(g.square().mul(1 - beta2));
                    NDArray update = m[i].div(bias1).div(v[i].div(bias2).sqrt().add(eps)).mul(learningRate);
                    // through a detached alias of the same storage: the update is not an autograd operation even on a
                    // thread whose autograd is on (PyTorch starts every thread so; DJL turns it off on one)
                    NDArray p = params.get(i).stopGradient();
                    p.muli(1 - learningRate * weightDecay).subi(update);
                }
            }
            for (NDArray g : grads) {
                g.subi(g);
            }
            return norm;
        }
    }

    /** Writes the moments and the step count, so a resumed run continues exactly where it stopped. */
    public void save(Path file) throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            shapes.put("m." + i, m[i].getShape().getShape());
            shapes.put("v." + i, v[i].getShape().getShape());
        }
        SafetensorsWriter.write(file, shapes, name -> {
            NDArray a = (name.startsWith("m.") ? m : v)[Integer.parseInt(name.substring(2))];
            return a.toType(DataType.FLOAT32, false).toFloatArray();
        }, Map.of("steps", Integer.toString(steps), "params", Integer.toString(params.size())));
    }

    /** Restores what {@link #save} wrote; the parameter list must be the same as when it was saved. */
    public void load(Path file) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            String count = f.metadata().get("params");
            if (count == null || Integer.parseInt(count) != params.size()) {
                throw new IOException(file + ": optimizer state for " + count + " parameters, this adapter has " + params.size());
            }
            for (int i = 0; i < params.size(); i++) {
                m[i].set(FloatBuffer.wrap(f.readFloats("m." + i)));
                v[i].set(FloatBuffer.wrap(f.readFloats("v." + i)));
            }
            steps = Integer.parseInt(f.metadata().getOrDefault("steps", "0"));
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
