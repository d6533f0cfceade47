package org.qtastudio.app.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.concurrent.Task;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.LatestTask;
import org.qtastudio.app.Messages;
import org.qtastudio.app.TaskProgress;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.importers.CatalogImporter;
import org.qtastudio.catalog.importers.GenericImporter;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.importers.Importers;
import org.qtastudio.catalog.importers.QueryDraft;
import org.qtastudio.catalog.imports.ImportPreview;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.catalog.imports.ImportService;

/**
 * State of the import dialog: the file, the format and catalog the user picks, and a dry run of the import with
 * those choices, so counts, unmatched gold and the importer's errors are seen before anything is stored. A new
 * choice cancels the running dry run and starts another. For generic records it also holds the field mapping (the
 * CLI's {@code --map}), offering the columns the generic importer saw in the file.
 */
public final class ImportPreviewViewModel {

    /** The format choice that lets the importers detect the format. */
    public static final String DETECT = "detect";

    private final AppContext context;
    private final Path file;
    private final StringProperty format = new SimpleStringProperty(DETECT);
    private final StringProperty catalogName = new SimpleStringProperty("");
    private final ObjectProperty<Split> defaultSplit = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper();
    private final ObservableList<Tool> tools = FXCollections.observableArrayList();
    private final ObservableList<QueryDraft> queries = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper toolsEmptyReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper queriesEmptyReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problemsEmptyReason = new ReadOnlyStringWrapper("");
    private final ObservableMap<String, String> mapping = FXCollections.observableMap(new LinkedHashMap<>());
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper mappable = new ReadOnlyBooleanWrapper();
    private final LatestTask<List<String>> columnsLoad;
    private Task<ImportPreview> running;
    private String previewedCatalog = "";
    /** The format choice the columns were read for; "" before the first read. */
    private String columnsFormat = "";

    public ImportPreviewViewModel(AppContext context, Path file) {
        this.context = context;
        this.file = file;
        this.columnsLoad = new LatestTask<>(context);
        mapping.addListener((MapChangeListener<String, String>) change -> refresh());
        // counts depend on the target catalog: an edited name needs a new dry run before importing
        catalogName.addListener((obs, old, name) -> ready.set(ready.get() && name.strip().equals(previewedCatalog)));
        format.addListener((obs, old, f) -> refresh());
        reading.addListener((obs, old, r) -> explainEmpty());
        error.addListener((obs, old, e) -> explainEmpty());
        ready.addListener((obs, old, r) -> explainEmpty());
        defaultSplit.addListener((obs, old, split) -> refresh());
    }

    /** Whether the catalog name was edited since the last dry run, which then needs repeating. */
    public boolean catalogNameChanged() {
        return !catalogName.get().strip().equals(previewedCatalog);
    }

    public Path file() {
        return file;
    }

    /** {@link #DETECT} followed by every format this build reads. */
    public static List<String> formats() {
        return Stream.concat(Stream.of(DETECT), Importers.all().stream().map(CatalogImporter::format)).toList();
    }

    /**
     * Maps a field of the generic importer ({@link GenericImporter#FIELDS}) to a column or JMESPath path, as
     * {@code --map field=column} does; blank text unmaps it. A change starts a new dry run.
     */
    public void map(String field, String column) {
        if (column == null || column.isBlank()) {
            mapping.remove(field);
        } else {
            mapping.put(field, column.strip());
        }
    }

    /** The field mapping as set with {@link #map}: field -> column or path. */
    public ObservableMap<String, String> mapping() {
        return FXCollections.unmodifiableObservableMap(mapping);
    }

    /** The columns the file's records have, once read; empty unless the file reads as generic records. */
    public ObservableList<String> columns() {
        return columns;
    }

    /** Whether the chosen (or detected) format is the generic records, whose fields the mapping chooses. */
    public ReadOnlyBooleanProperty mappableProperty() {
        return mappable.getReadOnlyProperty();
    }

    /**
     * Reads the file's columns when the format choice changed: the detected format, as without a mapping, or the
     * one chosen. A file that cannot be read shows no columns; the dry run reports why.
     */
    private void loadColumns() {
        String chosen = chosenFormat();
        if (Objects.equals(chosen, columnsFormat)) {
            return;
        }
        columnsFormat = chosen;
        ImportSource unmapped = new ImportSource(file, Map.of(), null);
        columnsLoad.start(() -> {
            CatalogImporter importer = chosen != null ? Importers.forFormat(chosen) : Importers.detect(unmapped);
            return importer instanceof GenericImporter ? GenericImporter.columns(file) : null;
        }, seen -> {
            mappable.set(seen != null);
            columns.setAll(seen == null ? List.of() : seen);
        }, failure -> {
            mappable.set(chosen != null && Importers.forFormat(chosen) instanceof GenericImporter);
            columns.clear();
        });
    }

    /** The formats a {@code document} field may hold ({@code parse-as}): every format but the generic records. */
    public static List<String> documentFormats() {
        return Importers.all().stream().filter(i -> !(i instanceof GenericImporter)).map(CatalogImporter::format).toList();
    }

    /** Starts a dry run with the current choices, cancelling one still running. */
    public Task<ImportPreview> refresh() {
        cancel();
        loadColumns();
        String chosenFormat = chosenFormat();
        String chosenCatalog = catalogName.get();
        ImportSource source = source();
        Task<ImportPreview> task = new Task<>() {
            @Override
            protected ImportPreview call() throws Exception {
                return new ImportService(context.workspace()).preview(source, chosenFormat, chosenCatalog,
                        new TaskProgress(this::updateMessage, this::updateProgress, this::isCancelled));
            }
        };
        running = task;
        ready.set(false);
        reading.set(true);
        error.set("");
        summary.set("");
        tools.clear();
        queries.clear();
        problems.clear();
        message.bind(task.messageProperty());
        progress.bind(task.progressProperty());
        task.setOnSucceeded(e -> finished(task, () -> show(task.getValue())));
        task.setOnFailed(e -> finished(task, () -> error.set(Messages.readable("Reading " + file.getFileName(), task.getException()))));
        task.setOnCancelled(e -> finished(task, () -> { }));
        return context.run(task);
    }

    /** Stops the dry run (the dialog closed, or the choices changed). */
    public void cancel() {
        if (columnsLoad.isRunning()) {
            columnsLoad.drop();
            columnsFormat = ""; // read them again with the next dry run
        }
        if (running != null) {
            running.cancel(false);
        }
    }

    private void finished(Task<ImportPreview> task, Runnable update) {
        if (task != running) {
            return; // a newer dry run replaced this one
        }
        message.unbind();
        progress.unbind();
        reading.set(false);
        update.run();
    }

    private void show(ImportPreview preview) {
        ImportReport r = preview.report();
        tools.setAll(preview.firstTools());
        queries.setAll(preview.firstQueries());
        List<String> found = new ArrayList<>();
        r.unmatchedGold().forEach(u -> found.add("Gold '" + u.reference() + "' of query " + u.queryKey() + " matches no tool"));
        found.addAll(r.warnings());
        problems.setAll(found);
        if (catalogName.get().isBlank()) {
            catalogName.set(r.catalog());
        }
        previewedCatalog = r.catalog();
        summary.set(r.summary());
        ready.set(true);
    }

    /** What the empty tables of the preview say instead of JavaFX's "No content in table". */
    private void explainEmpty() {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (reading.get()) {
            toolsEmptyReason.set("Reading " + name + "…");
            queriesEmptyReason.set("Reading " + name + "…");
            problemsEmptyReason.set("Reading " + name + "…");
        } else if (!error.get().isEmpty()) {
            String why = "Nothing to show: " + name + " could not be read (the error is above). Fix the file, or choose another "
                    + "format or file.";
            toolsEmptyReason.set(why);
            queriesEmptyReason.set(why);
            problemsEmptyReason.set("The error above stopped the dry run.");
        } else {
            toolsEmptyReason.set(name + " holds no tools (queries only; they join the catalog named above).");
            queriesEmptyReason.set(name + " holds no queries (tools only).");
            problemsEmptyReason.set("No problems: every gold reference matches a tool.");
        }
    }

    /** Why the tool preview is empty (reading, a failure, or the file has none). */
    public ReadOnlyStringProperty toolsEmptyReasonProperty() {
        return toolsEmptyReason.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty queriesEmptyReasonProperty() {
        return queriesEmptyReason.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemsEmptyReasonProperty() {
        return problemsEmptyReason.getReadOnlyProperty();
    }

    /** The source as the user set it up: the file, the field mapping and the split for queries whose source names none. */
    public ImportSource source() {
        return new ImportSource(file, Map.copyOf(mapping), defaultSplit.get());
    }

    /** The format to import with: null to detect, as the dry run did. */
    public String chosenFormat() {
        return DETECT.equals(format.get()) ? null : format.get();
    }

    public StringProperty formatProperty() {
        return format;
    }

    /** The split for queries whose source names none; null lets the format decide. */
    public ObjectProperty<Split> defaultSplitProperty() {
        return defaultSplit;
    }

    public StringProperty catalogNameProperty() {
        return catalogName;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The importer's error, with file, line and column where it knows them; empty when the dry run succeeded. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readingProperty() {
        return reading.getReadOnlyProperty();
    }

    /** True once a dry run with the current choices succeeded: the import can go ahead. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    public ObservableList<Tool> tools() {
        return tools;
    }

    public ObservableList<QueryDraft> queries() {
        return queries;
    }

    /** Gold references that match no tool, then the importer's warnings. */
    public ObservableList<String> problems() {
        return problems;
    }
}
