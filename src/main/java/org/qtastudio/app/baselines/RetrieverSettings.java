package org.qtastudio.app.baselines;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.TextField;
import org.qtastudio.retrieval.bm25.Bm25Analyzer;
import org.qtastudio.retrieval.dense.EmbeddingModels;
import org.qtastudio.store.Workspace;

/**
 * The retriever form of the Baselines screen as JavaFX properties, turned into a {@link RetrieverSpec} on
 * demand. Numbers are kept as typed, so a half-typed value is not lost, and checked when the spec is built.
 * Choosing another retriever resets the text fields to that retriever's defaults. The Baselines and Serve screens show
 * it with {@link RetrieverForm}.
 */
public final class RetrieverSettings {

    private final ObjectProperty<RetrieverKind> kind = new SimpleObjectProperty<>(RetrieverKind.BM25);
    private final Map<TextField, BooleanProperty> fields = new EnumMap<>(TextField.class);
    private final ObjectProperty<Bm25Analyzer> analyzer = new SimpleObjectProperty<>(Bm25Analyzer.ENGLISH);
    private final StringProperty k1 = new SimpleStringProperty(String.valueOf(RetrieverSpec.Bm25.DEFAULT_K1));
    private final StringProperty b = new SimpleStringProperty(String.valueOf(RetrieverSpec.Bm25.DEFAULT_B));
    private final StringProperty paperK1 = new SimpleStringProperty(String.valueOf(RetrieverSpec.PaperBm25.defaults().k1()));
    private final StringProperty paperB = new SimpleStringProperty(String.valueOf(RetrieverSpec.PaperBm25.defaults().b()));
    private final StringProperty paperEpsilon = new SimpleStringProperty(String.valueOf(RetrieverSpec.PaperBm25.defaults().epsilon()));
    private final StringProperty denseModel = new SimpleStringProperty(RetrieverSpec.Dense.DEFAULT_MODEL);
    private final ObservableList<String> denseModels = FXCollections.observableArrayList(RetrieverSpec.Dense.DEFAULT_MODEL);
    private final ObjectProperty<RetrieverKind> hybridFirst = new SimpleObjectProperty<>(RetrieverKind.BM25);
    private final ObjectProperty<RetrieverKind> hybridSecond = new SimpleObjectProperty<>(RetrieverKind.DENSE);
    private final StringProperty rrfK = new SimpleStringProperty(String.valueOf(RetrieverSpec.Hybrid.DEFAULT_K));

    public RetrieverSettings() {
        for (TextField f : TextField.values()) {
            fields.put(f, new SimpleBooleanProperty(RetrieverKind.BM25.defaultFields().contains(f)));
        }
        kind.addListener((obs, old, k) -> {
            if (k != null) {
                fields.forEach((f, on) -> on.set(k.defaultFields().contains(f)));
            }
        });
    }

    /** The spec these settings describe, or an {@link IllegalArgumentException} that says what to fix. */
    public RetrieverSpec toSpec() {
        RetrieverKind k = kind.get();
        if (k == null) {
            throw new IllegalArgumentException("Choose a retriever.");
        }
        // the retriever's default fields keep their order (it is the order of the indexed text), others follow
        List<TextField> chosen = new ArrayList<>();
        for (TextField f : k.defaultFields()) {
            if (fields.get(f).get()) {
                chosen.add(f);
            }
        }
        for (TextField f : TextField.values()) {
            if (fields.get(f).get() && !chosen.contains(f)) {
                chosen.add(f);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("Tick at least one text field for the retriever to read.");
        }
        if (k != RetrieverKind.HYBRID) {
            return single(k, chosen);
        }
        if (hybridFirst.get() == null || hybridSecond.get() == null || hybridFirst.get() == hybridSecond.get()) {
            throw new IllegalArgumentException("Choose two different retrievers for the hybrid.");
        }
        int fusion = (int) number("RRF k", rrfK.get(), 0, Integer.MAX_VALUE, true);
        // untouched fields mean "each retriever's own defaults" (BM25 and dense read different fields by default)
        boolean defaults = chosen.equals(k.defaultFields());
        return new RetrieverSpec.Hybrid(single(hybridFirst.get(), defaults ? hybridFirst.get().defaultFields() : chosen),
                single(hybridSecond.get(), defaults ? hybridSecond.get().defaultFields() : chosen), fusion);
    }

    private RetrieverSpec single(RetrieverKind k, List<TextField> chosen) {
        return switch (k) {
            case BM25 -> new RetrieverSpec.Bm25(chosen, analyzer.get(), number("k1", k1.get(), 0, 100, false),
                    number("b", b.get(), 0, 1, false));
            case PAPER_BM25 -> new RetrieverSpec.PaperBm25(chosen, number("paper k1", paperK1.get(), 0, 100, false),
                    number("paper b", paperB.get(), 0, 1, false), number("epsilon", paperEpsilon.get(), 0, 1, false));
            case DENSE -> {
                if (denseModel.get() == null || denseModel.get().isBlank()) {
                    throw new IllegalArgumentException("Choose an embedding model.");
                }
                yield new RetrieverSpec.Dense(denseModel.get(), chosen);
            }
            case TOOL_SEARCH_REGEX -> new RetrieverSpec.ToolSearchRegex(chosen, false);
            case TOOL_SEARCH_BM25 -> new RetrieverSpec.ToolSearchBm25(chosen);
            case HYBRID -> throw new IllegalArgumentException("A hybrid cannot contain another hybrid.");
        };
    }

    private static double number(String name, String typed, double min, double max, boolean whole) {
        String text = typed == null ? "" : typed.strip();
        double value;
        try {
            value = whole ? Integer.parseInt(text) : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be %s, not '%s'.", name,
                    whole ? "a whole number" : "a number such as 0.75", text));
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(max == Integer.MAX_VALUE
                    ? String.format(Locale.ROOT, "%s must be at least %s, not %s.", name, format(min), text)
                    : String.format(Locale.ROOT, "%s must be between %s and %s, not %s.", name, format(min), format(max), text));
        }
        return value;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The embedding models a workspace offers: the built-in one, then those registered in it. Reads the workspace. */
    public static List<String> embeddingModels(Workspace workspace) {
        List<String> names = new ArrayList<>(List.of(RetrieverSpec.Dense.DEFAULT_MODEL));
        new EmbeddingModels(workspace).registered().forEach(r -> names.add(r.name()));
        return names;
    }

    /**
     * Offers {@code models} in the dense model choice, keeping the chosen model when it is still offered, else choosing
     * the built-in one (replacing a choice box's items clears its value).
     */
    public void offerDenseModels(List<String> models) {
        String chosen = denseModel.get();
        denseModels.setAll(models);
        denseModel.set(denseModels.contains(chosen) ? chosen : RetrieverSpec.Dense.DEFAULT_MODEL);
    }

    /** Every property of the form: what a screen listens to for re-checking the settings as they are typed. */
    public List<Observable> inputs() {
        List<Observable> all = new ArrayList<>(List.of(kind, analyzer, k1, b, paperK1, paperB, paperEpsilon, denseModel,
                hybridFirst, hybridSecond, rrfK));
        all.addAll(fields.values());
        return all;
    }

    /** True while the chosen retriever, directly or inside the hybrid, is {@code k}: its settings matter then. */
    public BooleanBinding uses(RetrieverKind k) {
        return Bindings.createBooleanBinding(() -> kind.get() == k
                        || kind.get() == RetrieverKind.HYBRID && k != RetrieverKind.HYBRID && (hybridFirst.get() == k || hybridSecond.get() == k),
                kind, hybridFirst, hybridSecond);
    }

    public ObjectProperty<RetrieverKind> kindProperty() {
        return kind;
    }

    /** Whether each text field is ticked. */
    public Map<TextField, BooleanProperty> fields() {
        return Collections.unmodifiableMap(fields);
    }

    public ObjectProperty<Bm25Analyzer> analyzerProperty() {
        return analyzer;
    }

    public StringProperty k1Property() {
        return k1;
    }

    public StringProperty bProperty() {
        return b;
    }

    public StringProperty paperK1Property() {
        return paperK1;
    }

    public StringProperty paperBProperty() {
        return paperB;
    }

    public StringProperty paperEpsilonProperty() {
        return paperEpsilon;
    }

    public StringProperty denseModelProperty() {
        return denseModel;
    }

    /** The models the dense model choice offers ({@link #offerDenseModels}). */
    public ObservableList<String> denseModels() {
        return denseModels;
    }

    public ObjectProperty<RetrieverKind> hybridFirstProperty() {
        return hybridFirst;
    }

    public ObjectProperty<RetrieverKind> hybridSecondProperty() {
        return hybridSecond;
    }

    public StringProperty rrfKProperty() {
        return rrfK;
    }
}
