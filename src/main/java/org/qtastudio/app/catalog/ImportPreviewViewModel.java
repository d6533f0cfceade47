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
import org.qtastudio.catalog.importers.mcp.McpToolListing;
import org.qtastudio.common.Progress;

/**
 * State of the import dialog: the file, the format and catalog the user picks, and a dry run of the import with
 * those choices, so counts, unmatched gold and the importer's errors are seen before anything is stored. A new
 * choice cancels the running dry run and starts another. For generic records it also holds the field mapping (the
 * CLI's {@code --map}), offering the columns the generic importer saw in the file.
 *
 * <p>Made with {@link #mcpServers}, the dialog imports from live MCP servers instead ({@link McpServerForm}):
 * {@link #listTools} starts or connects to them in the background, lists their tools and dry-runs storing them; the
 * listings are kept, so that the import stores exactly the tools the user looked at, all servers in one transaction.
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
    private final McpServerForm mcp;
    /** What the servers listed, once listed for the form as it is; what the import stores. */
    private List<McpToolListing> listings = List.of();
    /** Whether the user stopped the last dry run or listing. */
    private boolean stopped;
    private Task<?> running;
    private String previewedCatalog = "";
    /** The format choice the columns were read for; "" before the first read. */
    private String columnsFormat = "";

    public ImportPreviewViewModel(AppContext context, Path file) {
        this(context, java.util.Objects.requireNonNull(file, "file"), null);
    }

    /** The dialog's state for importing the tools of live MCP servers, named in the form ({@link #mcpForm()}). */
    public static ImportPreviewViewModel mcpServers(AppContext context) {
        return new ImportPreviewViewModel(context, null, new McpServerForm());
    }

    private ImportPreviewViewModel(AppContext context, Path file, McpServerForm mcp) {
        this.context = context;
        this.file = file;
        this.mcp = mcp;
        this.columnsLoad = new LatestTask<>(context);
        if (mcp != null) {
            // what was listed is no longer what the form says: list again before importing
            for (javafx.beans.Observable field : mcp.dependencies()) {
                field.addListener(o -> formChanged());
            }
        }
        mapping.addListener((MapChangeListener<String, String>) change -> refresh());
        // counts depend on the target catalog: an edited name needs a new dry run before importing
        catalogName.addListener((obs, old, name) -> ready.set(ready.get() && name.strip().equals(previewedCatalog)));
        format.addListener((obs, old, f) -> refresh());
        reading.addListener((obs, old, r) -> explainEmpty());
        error.addListener((obs, old, e) -> explainEmpty());
        ready.addListener((obs, old, r) -> explainEmpty());
        defaultSplit.addListener((obs, old, split) -> refresh());
        if (mcp != null) {
            explainEmpty();
        }
    }

    /** Whether the catalog name was edited since the last dry run, which then needs repeating. */
    public boolean catalogNameChanged() {
        return !catalogName.get().strip().equals(previewedCatalog);
    }

    /** The file or dataset folder to import; null for MCP servers. */
    public Path file() {
        return file;
    }

    /** Whether this dialog imports from live MCP servers rather than a file. */
    public boolean isMcp() {
        return mcp != null;
    }

    /** How to reach the MCP servers; null for a file. */
    public McpServerForm mcpForm() {
        return mcp;
    }

    /** What the servers listed, for the import to store; empty until a listing succeeded for the form as it is. */
    public List<McpToolListing> listings() {
        return listings;
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

    /**
     * Starts a dry run with the current choices, cancelling one still running. For MCP servers: a dry run of the listed
     * tools into the catalog now named, or, with nothing listed yet, {@link #listTools}.
     */
    public Task<?> refresh() {
        if (isMcp()) {
            return listings.isEmpty() ? listTools() : previewListings(listings);
        }
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
        return start(task, "Reading " + file.getFileName(), () -> show(task.getValue()));
    }

    /**
     * Starts (or connects to) the servers the form names, lists their tools and dry-runs storing them into the catalog
     * named (blank: each server's own), in the background, cancelling what is running; {@link #cancel} stops it and
     * ends the servers. An incomplete form starts nothing and says which field it needs.
     *
     * @return the listing's task, or null when the form is incomplete
     */
    public Task<?> listTools() {
        if (!isMcp()) {
            throw new IllegalStateException("this dialog imports " + file + ", not MCP servers");
        }
        cancel();
        String missing = mcp.missingProperty().get();
        if (!missing.isEmpty()) {
            clear();
            error.set(missing);
            return null;
        }
        McpServerForm.Kind kind = mcp.kindProperty().get();
        String text = mcp.textProperty(kind).get();
        java.time.Duration timeout = mcp.timeout();
        String chosenCatalog = catalogName.get();
        Task<Listed> task = new Task<>() {
            @Override
            protected Listed call() throws Exception {
                Progress progress = new TaskProgress(this::updateMessage, this::updateProgress, this::isCancelled);
                progress.update("Reading the form", 0, -1);
                List<McpToolListing> listed = ImportService.listServers(McpServerForm.servers(kind, text), timeout, progress);
                return new Listed(listed, new ImportService(context.workspace()).previewListings(listed, chosenCatalog, null, progress));
            }
        };
        return start(task, "Listing the tools", () -> showListed(task.getValue(), chosenCatalog));
    }

    /** A dry run of tools listed before, into the catalog now named: no server is started again. */
    private Task<?> previewListings(List<McpToolListing> listed) {
        cancel();
        String chosenCatalog = catalogName.get();
        Task<Listed> task = new Task<>() {
            @Override
            protected Listed call() throws Exception {
                return new Listed(listed, new ImportService(context.workspace()).previewListings(listed, chosenCatalog, null,
                        new TaskProgress(this::updateMessage, this::updateProgress, this::isCancelled)));
            }
        };
        return start(task, "Checking the listed tools against catalog '" + chosenCatalog.strip() + "'",
                () -> showListed(task.getValue(), chosenCatalog));
    }

    /** The servers' listings and the dry run of storing them. */
    private record Listed(List<McpToolListing> listings, List<ImportPreview> previews) {
    }

    /** Runs {@code task} as the dialog's one dry run: progress shown, the preview cleared, then filled by {@code onSuccess}. */
    private <T> Task<T> start(Task<T> task, String doing, Runnable onSuccess) {
        running = task;
        stopped = false;
        clear();
        reading.set(true);
        message.bind(task.messageProperty());
        progress.bind(task.progressProperty());
        task.setOnSucceeded(e -> finished(task, onSuccess));
        task.setOnFailed(e -> finished(task, () -> error.set(Messages.readable(doing, task.getException()))));
        task.setOnCancelled(e -> finished(task, () -> {
            stopped = true;
            explainEmpty();
        }));
        return context.run(task);
    }

    /** Empties the preview: nothing can be imported until the next dry run succeeds. */
    private void clear() {
        ready.set(false);
        error.set("");
        summary.set("");
        tools.clear();
        queries.clear();
        problems.clear();
    }

    /** The form no longer names what was listed: stop a listing and drop the listed tools. */
    private void formChanged() {
        if (running != null && running.isRunning()) {
            running.cancel(false);
        }
        listings = List.of();
        stopped = false;
        clear();
        explainEmpty();
    }

    /** Stops the dry run or the listing (the dialog closed, the choices changed, or the user pressed Esc). */
    public void cancel() {
        if (columnsLoad.isRunning()) {
            columnsLoad.drop();
            columnsFormat = ""; // read them again with the next dry run
        }
        if (running != null) {
            running.cancel(false);
        }
    }

    private void finished(Task<?> task, Runnable update) {
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
        summary.set(r.summary() + "\n" + r.prospect());
        ready.set(true);
    }

    private void showListed(Listed listed, String chosenCatalog) {
        listings = listed.listings();
        List<String> found = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < listed.previews().size(); i++) {
            ImportReport r = listed.previews().get(i).report();
            McpToolListing listing = listed.listings().get(i);
            tools.addAll(listed.previews().get(i).firstTools());
            lines.add("'" + (listing.serverName() == null ? listing.defaultName() : listing.serverName()) + "' listed "
                    + listing.tools().size() + " tools. " + r.prospect());
            r.goldOfRemovedTools().forEach((query, removed) -> found.add("The server no longer lists " + String.join(", ", removed)
                    + ", gold of query " + query + ": importing removes it and keeps it on the query as unresolved gold"));
            found.addAll(r.warnings());
        }
        problems.setAll(found);
        previewedCatalog = chosenCatalog.strip();
        summary.set(String.join("\n", lines));
        ready.set(true);
    }

    /** What the empty tables of the preview say instead of JavaFX's "No content in table". */
    private void explainEmpty() {
        if (isMcp()) {
            toolsEmptyReason.set(reading.get() ? "Listing the server's tools…"
                    : !error.get().isEmpty() ? "Nothing listed: the problem is above. Correct the server's command, URL or file and list again."
                    : stopped ? "Stopped: nothing was listed, and the server was ended. List tools (Enter) to try again."
                    : "Choose how to reach the server, then List tools (Enter): it is started or connected to, its tools"
                            + " are listed here, and nothing is stored until you import them.");
            problemsEmptyReason.set(reading.get() ? "Listing the server's tools…" : "No problems.");
            return;
        }
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (stopped) {
            toolsEmptyReason.set("Stopped: " + name + " was not read. Choose a format or press Enter in the catalog to read it again.");
            queriesEmptyReason.set(toolsEmptyReason.get());
            problemsEmptyReason.set(toolsEmptyReason.get());
        } else if (reading.get()) {
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
