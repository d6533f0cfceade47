package org.qtastudio.app.experiments;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.LatestTask;
import org.qtastudio.app.Messages;
import org.qtastudio.app.align.AlignViewModel;
import org.qtastudio.common.Plurals;
import org.qtastudio.app.baselines.RetrieverKind;
import org.qtastudio.app.baselines.RetrieverSettings;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.experiment.CellPlan;
import org.qtastudio.experiment.ExperimentPlan;
import org.qtastudio.experiment.ExperimentSpec;
import org.qtastudio.experiment.ExperimentSpec.Kind;
import org.qtastudio.experiment.ExperimentStore;
import org.qtastudio.experiment.SettingGrid;
import org.qtastudio.experiment.WallTimeEstimate;
import org.qtastudio.retrieval.RetrieverSpec;

/**
 * Part of the Experiments screen's state: the form that defines a new experiment. What varies (the kind of grid, the
 * catalogs, model folders, sizes, seeds, the setting and its values) is typed here; everything else (the QTA settings,
 * the frozen retriever, device and number format) is the Align screen's, as its form stands, so the two screens never
 * disagree. Each change plans the grid off the FX thread and shows its cells and wall-time estimate
 * ({@link WallTimeEstimate}) before anything is stored; {@link #create()} stores it. Problems are said in words, and
 * Create is possible only while {@link #problemProperty()} is empty.
 */
public final class GridForm {

    /** Test queries rewritten together when a cell evaluates (the command line's default). */
    static final int EVAL_BATCH = 4;

    /** The settings a one-setting grid can vary: the alignment settings and the frozen retriever. */
    public static final List<String> SETTINGS = concat(SettingGrid.NAMES, List.of("retriever"));

    /** The retrievers a retriever grid compares, as the command line spells them; each with its defaults. */
    static final Map<String, RetrieverKind> RETRIEVERS = Map.of("bm25", RetrieverKind.BM25, "bm25-paper", RetrieverKind.PAPER_BM25,
            "dense", RetrieverKind.DENSE, "hybrid", RetrieverKind.HYBRID);

    private final AppContext context;
    private final AlignViewModel align;
    private final ObservableList<ExperimentRow> experiments;
    private final Consumer<ExperimentStore.Experiment> created;
    private final Consumer<String> message;
    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(Kind.data_efficiency);
    private final ObjectProperty<Catalog> catalog = new SimpleObjectProperty<>();
    private final ObservableList<String> catalogs = FXCollections.observableArrayList();
    private final Map<String, BooleanProperty> ticks = new HashMap<>();
    private final StringProperty models = new SimpleStringProperty("");
    private final StringProperty sizes = new SimpleStringProperty("0,1,2,5,10");
    private final StringProperty seeds = new SimpleStringProperty("1,2,3");
    private final ObjectProperty<String> setting = new SimpleObjectProperty<>("beta");
    private final StringProperty values = new SimpleStringProperty("0.05,0.1,0.5");
    private final ReadOnlyStringWrapper fixed = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper plan = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper planDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper planned = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper creating = new ReadOnlyBooleanWrapper();
    private final BooleanBinding canCreate;
    private final LatestTask<Preview> preview;
    private Input shown;

    GridForm(AppContext context, AlignViewModel align, ObservableList<ExperimentRow> experiments,
             Consumer<ExperimentStore.Experiment> created, Consumer<String> message) {
        this.context = context;
        this.align = align;
        this.experiments = experiments;
        this.created = created;
        this.message = message;
        this.preview = new LatestTask<>(context);
        models.set(align.model().modelDirProperty().get());
        // the model folder follows the Align screen's until it is typed here
        align.model().modelDirProperty().addListener((obs, old, dir) -> {
            if (models.get().isBlank() || models.get().equals(old)) {
                models.set(dir);
            }
        });
        catalog.addListener((obs, old, c) -> {
            if (c != null && (kind.get() != Kind.transfer || catalogs.isEmpty())) {
                catalogs.setAll(c.name());
            }
        });
        kind.addListener((obs, old, k) -> {
            if (k != Kind.transfer && catalogs.size() > 1) {
                catalogs.setAll(catalog.get() != null && catalogs.contains(catalog.get().name()) ? catalog.get().name() : catalogs.getFirst());
            }
        });
        catalogs.addListener((ListChangeListener<String>) c -> ticks.forEach((n, tick) -> tick.set(catalogs.contains(n))));
        canCreate = Bindings.createBooleanBinding(() -> problem.get().isEmpty() && planned.get() && !creating.get()
                && !name.get().isBlank(), problem, planned, creating, name);
        List<Observable> inputs = new ArrayList<>(List.of(kind, catalogs, models, sizes, seeds, setting, values,
                align.model().deviceProperty(), align.model().dtypeProperty(), align.retrieverKindProperty(),
                align.form().instructionProperty(), align.form().randomToolDocumentsProperty(), align.form().requireReviewProperty()));
        align.form().fields().forEach(f -> inputs.add(f.text()));
        inputs.forEach(o -> o.addListener(x -> update()));
        name.addListener(x -> update());
        experiments.addListener((ListChangeListener<ExperimentRow>) c -> update());
        update();
    }

    /** What the form says, read on the FX thread; the spec is built from it off that thread (it checks values as JSON). */
    record Input(Kind kind, List<String> catalogs, List<String> models, String device, String dtype,
                 List<RetrieverSpec> retrievers, AlignSettings settings, List<Integer> sizes, List<Long> seeds,
                 String setting, List<String> values) {

        ExperimentSpec spec() {
            boolean retrieverGrid = kind == Kind.settings && "retriever".equals(setting);
            return new ExperimentSpec(kind, catalogs, models, device, dtype, retrievers, settings,
                    kind == Kind.data_efficiency ? sizes : null, seeds, kind == Kind.settings ? setting : null,
                    kind == Kind.settings && !retrieverGrid ? values : null, EVAL_BATCH);
        }
    }

    /** The planned grid: its cells and how long they will take, or what stops it from being planned. */
    private record Preview(int cells, int points, String estimate, String basis, String problem) {
    }

    // ---- checking and planning ----------------------------------------------------------------------------------

    /** Plans the form's grid again, as typed: a finished run has measured its models, so the estimate changes. */
    public void replan() {
        shown = null;
        update();
    }

    private void update() {
        fixed.set(fixedSentence());
        Input in;
        try {
            in = input();
        } catch (IllegalArgumentException e) {
            show(null, e.getMessage());
            return;
        }
        String named = nameProblem();
        if (in.equals(shown) && planned.get()) {
            problem.set(named);
            return;
        }
        show(in, named);
        preview.start(() -> plan(in), p -> {
            if (p.problem() != null) {
                plan.set("");
                planDetail.set("");
                problem.set(p.problem());
                return;
            }
            plan.set(String.format(Locale.ROOT, "%d cells at %d grid points. %s", p.cells(), p.points(), p.estimate()));
            planDetail.set(p.basis());
            planned.set(true);
            problem.set(nameProblem());
        }, e -> problem.set(Messages.readable("Planning the grid", e)));
    }

    /** Shows a new input as not planned yet (or not plannable, with its problem). */
    private void show(Input in, String problemNow) {
        preview.drop();
        shown = in;
        planned.set(false);
        plan.set(in == null ? "" : "Planning the grid…");
        planDetail.set("");
        problem.set(problemNow);
    }

    /** Off the FX thread: the spec, its cells and their estimate; a refused grid comes back as its problem in words. */
    private Preview plan(Input in) {
        try {
            List<CellPlan> planned = ExperimentPlan.cells(in.spec(), context.catalogs());
            Instant now = Instant.now();
            List<ExperimentStore.Cell> cells = new ArrayList<>();
            for (int i = 0; i < planned.size(); i++) {
                CellPlan c = planned.get(i);
                cells.add(new ExperimentStore.Cell(-1, i, c.point(), c.seed(), c, ExperimentStore.Status.pending, null, null, null, null, now));
            }
            String[] estimate = WallTimeEstimate.of(context.workspace(), cells).describe().split("\n", 2);
            long points = planned.stream().map(CellPlan::point).distinct().count();
            return new Preview(planned.size(), (int) points, capitalized(estimate[0]) + ".",
                    estimate.length > 1 ? estimate[1].strip() : "", null);
        } catch (IllegalArgumentException e) {
            return new Preview(0, 0, "", "", inWords(e));
        }
    }

    /** A taken name; a blank one only keeps Create disabled (the name field asks for one), it is no problem to warn of. */
    private String nameProblem() {
        String n = name.get().strip();
        if (experiments.stream().anyMatch(r -> r.experiment().name().equals(n))) {
            return "The name '" + n + "' is taken: choose another, or select that experiment and resume it.";
        }
        return "";
    }

    /** The form as typed, or an {@link IllegalArgumentException} that says what to fix. */
    Input input() {
        Kind k = kind.get();
        if (k == null) {
            throw new IllegalArgumentException("Choose the kind of experiment.");
        }
        if (k == Kind.transfer && catalogs.size() < 2) {
            throw new IllegalArgumentException("A transfer experiment needs at least two catalogs: tick another one.");
        }
        if (catalogs.isEmpty()) {
            throw new IllegalArgumentException("Tick the catalog to experiment on.");
        }
        List<String> folders = list(models.get()).stream().map(m -> Path.of(m).toAbsolutePath().toString()).toList();
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("Choose a model folder (on the Align screen, or type it here).");
        }
        if (k == Kind.backbones && folders.size() < 2) {
            throw new IllegalArgumentException("A backbones experiment compares two or more model folders: type them separated by commas.");
        }
        if (k != Kind.backbones && folders.size() > 1) {
            throw new IllegalArgumentException("Only a backbones experiment takes several model folders.");
        }
        List<Integer> sizeList = k == Kind.data_efficiency ? numbers("Sizes", sizes.get(), "0,1,2,5,10").stream().map(Long::intValue).toList()
                : List.of();
        if (k == Kind.data_efficiency && sizeList.isEmpty()) {
            throw new IllegalArgumentException("Give the training-set sizes, such as 0,1,2,5,10.");
        }
        List<Long> seedList = numbers("Seeds", seeds.get(), "1,2,3");
        if (seedList.isEmpty()) {
            throw new IllegalArgumentException("Give at least one seed, such as 1,2,3.");
        }
        String s = k == Kind.settings ? setting.get() : null;
        List<String> valueList = k == Kind.settings ? list(values.get()) : List.of();
        if (k == Kind.settings && s == null) {
            throw new IllegalArgumentException("Choose the setting the grid varies.");
        }
        if (k == Kind.settings && valueList.size() < 2) {
            throw new IllegalArgumentException("Give two or more values of " + s + ", separated by commas.");
        }
        AlignSettings settings;
        try {
            settings = align.form().toSettings();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Check the Align screen's settings: " + e.getMessage() + ".", e);
        }
        if (settings.requireReview()) {
            throw new IllegalArgumentException("An experiment cannot stop for a review of the pairs: untick 'Stop after sampling "
                    + "for my review' on the Align screen.");
        }
        List<RetrieverSpec> retrievers = new ArrayList<>();
        if ("retriever".equals(s)) {
            for (String v : valueList) {
                RetrieverKind r = RETRIEVERS.get(v.toLowerCase(Locale.ROOT));
                if (r == null) {
                    throw new IllegalArgumentException("Unknown retriever '" + v + "': the values are bm25, bm25-paper, dense or hybrid.");
                }
                RetrieverSettings defaults = new RetrieverSettings();
                defaults.kindProperty().set(r);
                retrievers.add(defaults.toSpec());
            }
        } else {
            retrievers.add(align.retrieverSpec());
        }
        return new Input(k, List.copyOf(catalogs), folders, align.model().deviceProperty().get().strip(),
                align.model().dtypeProperty().get(), retrievers, settings, sizeList, seedList, s, valueList);
    }

    /** Comma-separated entries, trimmed, empty ones dropped. */
    private static List<String> list(String text) {
        return text == null ? List.of() : Arrays.stream(text.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static List<Long> numbers(String what, String text, String example) {
        List<Long> out = new ArrayList<>();
        for (String v : list(text)) {
            try {
                out.add(Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " are whole numbers separated by commas, such as " + example + "; '" + v
                        + "' is not one.");
            }
        }
        return out;
    }

    /** A service's refusal as the screen says it: without the command-line option it starts with, as a sentence. */
    static String inWords(IllegalArgumentException e) {
        String m = e.getMessage() == null ? "the grid cannot be planned" : e.getMessage().strip();
        m = m.replaceFirst("^--[\\w-]+: ", "").replaceAll("[.]$", "");
        return capitalized(m) + ".";
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    // ---- creating -----------------------------------------------------------------------------------------------

    /** Stores the experiment and its planned cells; null when the form has a problem (the message says it). */
    public Task<ExperimentStore.Experiment> create() {
        if (!problem.get().isEmpty() || creating.get() || name.get().isBlank()) {
            message.accept(creating.get() ? "The experiment is being created." : name.get().isBlank() ? "Name the experiment first."
                    : problem.get());
            return null;
        }
        Input in = input();
        String experimentName = name.get().strip();
        Task<ExperimentStore.Experiment> task = new Task<>() {
            @Override
            protected ExperimentStore.Experiment call() {
                ExperimentSpec spec = in.spec();
                return new ExperimentStore(context.workspace()).create(experimentName, spec, ExperimentPlan.cells(spec, context.catalogs()));
            }
        };
        task.setOnSucceeded(e -> {
            creating.set(false);
            name.set("");
            created.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            creating.set(false);
            message.accept(task.getException() instanceof IllegalArgumentException iae ? inWords(iae)
                    : Messages.readable("Creating experiment " + experimentName, task.getException()));
        });
        creating.set(true);
        message.accept("Creating experiment " + experimentName + "…");
        return context.run(task);
    }

    /** The settings held fixed, in a sentence: the Align screen's as they stand. */
    private String fixedSentence() {
        try {
            AlignSettings s = align.form().toSettings();
            return String.format(Locale.ROOT, "Held fixed, as on the Align screen: %s; %s in the prompt, %s per query, up to %s, "
                            + "%s, learning rate %s, beta %s; device %s, %s.", align.retrieverSpec().describe(),
                    Plurals.count(s.toolDocuments(), "tool document", "tool documents"), Plurals.count(s.samples(), "rewrite", "rewrites"),
                    Plurals.count(s.maxNewTokens(), "new token", "new tokens"), Plurals.count(s.epochs(), "epoch", "epochs"),
                    s.learningRate(), s.beta(), align.model().deviceProperty().get(), align.model().dtypeProperty().get());
        } catch (IllegalArgumentException e) {
            return "The Align screen's settings are held fixed; fix them there first.";
        }
    }

    // ---- properties ---------------------------------------------------------------------------------------------

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    /** The window's selected catalog: a one-catalog grid takes it. */
    public ObjectProperty<Catalog> catalogProperty() {
        return catalog;
    }

    /** The catalogs ticked, by name, in the order ticked. */
    public ObservableList<String> catalogs() {
        return catalogs;
    }

    /**
     * Whether the catalog is ticked, as a property the catalog list's check box binds to. Ticking one for a grid of one
     * catalog unticks the others.
     */
    public BooleanProperty tick(String catalogName) {
        return ticks.computeIfAbsent(catalogName, n -> {
            BooleanProperty p = new SimpleBooleanProperty(catalogs.contains(n));
            p.addListener((obs, old, on) -> {
                if (on && !catalogs.contains(n)) {
                    if (kind.get() == Kind.transfer) {
                        catalogs.add(n);
                    } else {
                        catalogs.setAll(n);
                    }
                } else if (!on) {
                    catalogs.remove(n);
                }
            });
            return p;
        });
    }

    /** The model folder, or for backbones the folders separated by commas; it follows the Align screen's until typed. */
    public StringProperty modelsProperty() {
        return models;
    }

    /** Training-set sizes (data efficiency), separated by commas. */
    public StringProperty sizesProperty() {
        return sizes;
    }

    public StringProperty seedsProperty() {
        return seeds;
    }

    /** The setting a one-setting grid varies ({@link #SETTINGS}). */
    public ObjectProperty<String> settingProperty() {
        return setting;
    }

    /** Its values, separated by commas. */
    public StringProperty valuesProperty() {
        return values;
    }

    /** What every cell takes from the Align screen, in a sentence. */
    public ReadOnlyStringProperty fixedProperty() {
        return fixed.getReadOnlyProperty();
    }

    /** Why Create is disabled, in words; empty when the grid can be created once it has a name. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The planned grid's cells and wall-time estimate, once planned. */
    public ReadOnlyStringProperty planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** What the estimate rests on, per model. */
    public ReadOnlyStringProperty planDetailProperty() {
        return planDetail.getReadOnlyProperty();
    }

    /** True while the grid as shown can be created. */
    public BooleanBinding canCreateBinding() {
        return canCreate;
    }
}
