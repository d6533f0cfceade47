package org.qtastudio.lm.model;

/**
 * RoPE frequency scaling from {@code rope_scaling}: none, {@code linear}, or {@code llama3} (Llama 3.1+).
 * Computes the inverse frequencies exactly as Hugging Face's rope initialisation functions do.
 */
public record RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor,
        int originalMaxPositions) {

    /** No scaling. */
    public static final RopeScaling NONE = new RopeScaling("default", 1, 0, 0, 0);

    /** Inverse frequencies for {@code headDim / 2} rotary pairs. */
    public float[] inverseFrequencies(double theta, int rotaryDim) {
        float[] inv = new float[rotaryDim / 2];
        for (int i = 0; i < inv.length; i++) {
            // float32 arithmetic as in HF: 1 / base ** (arange(0, dim, 2).float() / dim)
            float exponent = (float) (2 * i) / rotaryDim;
            float base = (float) Math.pow(theta, exponent);
            inv[i] = 1.0f / base;
        }
        switch (type) {
            case "linear" -> {
                for (int i = 0; i < inv.length; i++) {
                    inv[i] = (float) (inv[i] / factor);
                }
            }
            case "llama3" -> {
                double lowWavelen = originalMaxPositions / lowFreqFactor;
                double highWavelen = originalMaxPositions / highFreqFactor;
                for (int i = 0; i < inv.length; i++) {
                    double f = inv[i];
                    double wavelen = 2 * Math.PI / f;
                    double scaled = wavelen > lowWavelen ? f / factor : f;
                    if (!(wavelen < highWavelen) && !(wavelen > lowWavelen)) {
                        double smooth = (originalMaxPositions / wavelen - lowFreqFactor)
                                / (highFreqFactor - lowFreqFactor);
                        scaled = (1 - smooth) * scaled / factor + smooth * scaled;
                    }
                    inv[i] = (float) scaled;
                }
            }
            default -> {
            }
        }
        return inv;
    }
}
