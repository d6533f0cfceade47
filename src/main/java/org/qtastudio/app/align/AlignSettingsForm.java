package org.qtastudio.app.align;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.qtastudio.align.AlignSettings;

/**
 * The QTA settings of the Align screen as JavaFX properties. Numbers are kept as typed, so a half-typed value is
 * not lost, and become an {@link AlignSettings} when a run starts; the allowed ranges are those AlignSettings
 * itself checks, so the screen and the CLI refuse the same values with the same words.
 */
public final class AlignSettingsForm {

    /** One typed setting: the section and label it shows under, the id of its text field, and what it does. */
    public record Field(String section, String label, String id, String hint, StringProperty text) {
    }

    private static final String SAMPLING = "Prompt and sampling";
    private static final String DPO = "DPO training";
    private static final String LORA = "LoRA adapter";

    private final List<Field> fields = new ArrayList<>();
    private final StringProperty instruction = new SimpleStringProperty();
    private final BooleanProperty randomToolDocuments = new SimpleBooleanProperty();
    private final BooleanProperty requireReview = new SimpleBooleanProperty();
    private final Field toolDocuments = field(SAMPLING, "Tool documents in the prompt", "toolDocuments",
            "Tool documents shown in the rewrite prompt: the frozen retriever's top ones, or random ones when ticked above.");
    private final Field samples = field(SAMPLING, "Rewrites per query", "samples",
            "Sampled rewrites per training query, besides the original query (paper: 4).");
    private final Field temperature = field(SAMPLING, "Temperature", "temperature",
            "Sampling temperature of the rewrites (paper: 1.0).");
    private final Field topP = field(SAMPLING, "Top-p", "topP",
            "Nucleus sampling threshold; 1 turns it off.");
    private final Field maxNewTokens = field(SAMPLING, "Max new tokens", "maxNewTokens",
            "Longest rewrite, in tokens.");
    private final Field seed = field(SAMPLING, "Seed", "seed",
            "Seed of sampling, tool-document choice, LoRA initialisation and dropout: the same seed repeats a run.");
    private final Field rankingFunction = field(SAMPLING, "Ranking function", "rankingFunction",
            "How a candidate is scored from its gold tools' ranks: sufficiency-rank (paper), ndcg@K or rr-sum.");
    private final Field beta = field(DPO, "Beta", "beta",
            "DPO temperature: how far the policy may move from the reference model (paper: 0.1).");
    private final Field sftWeight = field(DPO, "SFT weight", "sftWeight",
            "Weight of an added likelihood term on the chosen rewrite; 0 is pure DPO.");
    private final Field learningRate = field(DPO, "Learning rate", "learningRate",
            "Peak AdamW learning rate of the LoRA weights.");
    private final Field epochs = field(DPO, "Epochs", "epochs",
            "Passes over the pairs per round; a checkpoint is saved after each.");
    private final Field batchSize = field(DPO, "Batch size", "batchSize",
            "Pairs per forward pass; lower it when memory runs out.");
    private final Field gradientAccumulation = field(DPO, "Gradient accumulation", "gradientAccumulation",
            "Forward passes per optimizer step.");
    private final Field maxGradNorm = field(DPO, "Max gradient norm", "maxGradNorm",
            "Global gradient-norm clip; 0 turns it off.");
    private final Field warmupRatio = field(DPO, "Warm-up ratio", "warmupRatio",
            "Share of the optimizer steps spent warming the learning rate up.");
    private final Field rounds = field(DPO, "Rounds", "rounds",
            "Sample, pair and train again with the policy trained so far.");
    private final Field loraRank = field(LORA, "Rank", "loraRank",
            "Rank of the LoRA adapter.");
    private final Field loraAlpha = field(LORA, "Alpha", "loraAlpha",
            "LoRA scaling alpha.");
    private final Field loraDropout = field(LORA, "Dropout", "loraDropout",
            "Dropout on the adapter input while training.");
    private final Field targetModules = field(LORA, "Target modules", "targetModules",
            "Projections that get adapters, separated by commas.");

    public AlignSettingsForm() {
        load(AlignSettings.defaults());
    }

    private Field field(String section, String label, String id, String hint) {
        Field f = new Field(section, label, id, hint, new SimpleStringProperty(""));
        fields.add(f);
        return f;
    }

    /** Shows these settings in the form (the defaults, at first). */
    public void load(AlignSettings s) {
        instruction.set(s.instruction());
        randomToolDocuments.set(s.randomToolDocuments());
        requireReview.set(s.requireReview());
        toolDocuments.text().set(String.valueOf(s.toolDocuments()));
        samples.text().set(String.valueOf(s.samples()));
        temperature.text().set(plain(s.temperature()));
        topP.text().set(plain(s.topP()));
        maxNewTokens.text().set(String.valueOf(s.maxNewTokens()));
        seed.text().set(String.valueOf(s.seed()));
        rankingFunction.text().set(s.rankingFunction());
        beta.text().set(plain(s.beta()));
        sftWeight.text().set(plain(s.sftWeight()));
        learningRate.text().set(plain(s.learningRate()));
        epochs.text().set(String.valueOf(s.epochs()));
        batchSize.text().set(String.valueOf(s.batchSize()));
        gradientAccumulation.text().set(String.valueOf(s.gradientAccumulation()));
        maxGradNorm.text().set(plain(s.maxGradNorm()));
        warmupRatio.text().set(plain(s.warmupRatio()));
        rounds.text().set(String.valueOf(s.rounds()));
        loraRank.text().set(String.valueOf(s.loraRank()));
        loraAlpha.text().set(plain(s.loraAlpha()));
        loraDropout.text().set(plain(s.loraDropout()));
        targetModules.text().set(String.join(", ", s.targetModules()));
    }

    /** The settings as typed, or an {@link IllegalArgumentException} that names the setting to fix. */
    public AlignSettings toSettings() {
        List<String> modules = Arrays.stream(targetModules.text().get().split("[,\\s]+")).filter(m -> !m.isBlank()).toList();
        return new AlignSettings(instruction.get(), whole(toolDocuments), randomToolDocuments.get(), whole(samples),
                decimal(temperature), decimal(topP), whole(maxNewTokens), wholeLong(seed), rankingFunction.text().get(),
                decimal(beta), decimal(sftWeight), decimal(learningRate), whole(epochs), whole(batchSize),
                whole(gradientAccumulation), decimal(maxGradNorm), decimal(warmupRatio), whole(loraRank), decimal(loraAlpha),
                decimal(loraDropout), modules, whole(rounds), requireReview.get());
    }

    private static long wholeLong(Field f) {
        String typed = f.text().get().strip();
        try {
            return Long.parseLong(typed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(f.label() + " must be a whole number, not '" + typed + "'");
        }
    }

    private static int whole(Field f) {
        long v = wholeLong(f);
        if (v != (int) v) {
            throw new IllegalArgumentException(f.label() + " is too large: " + v);
        }
        return (int) v;
    }

    private static double decimal(Field f) {
        String typed = f.text().get().strip();
        try {
            double v = Double.parseDouble(typed);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(f.label() + " must be a number such as 0.1, not '" + typed + "'");
    }

    /** A number as a person writes it: 0.0005, not 5.0E-4. */
    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** The typed settings in screen order. */
    public List<Field> fields() {
        return Collections.unmodifiableList(fields);
    }

    /** The system instruction of the rewrite prompt. */
    public StringProperty instructionProperty() {
        return instruction;
    }

    public BooleanProperty randomToolDocumentsProperty() {
        return randomToolDocuments;
    }

    /** Whether a run stops after sampling until a person has reviewed its pairs. */
    public BooleanProperty requireReviewProperty() {
        return requireReview;
    }
}
