package org.qtastudio.bench.app;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.MainWindow;
import org.qtastudio.bench.Machine;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/**
 * Opens the catalog browser in a real window on a generated catalog (default 100,000 tools) and measures:
 * the time from creating the window until all rows are in the table and laid out, the gaps between FX pulses
 * from the window shown until the rows are in ({@link PulseMonitor}), and the
 * per-keystroke filter latency (the search text set one character at a time, each time until the table has
 * re-laid out), typing a phrase and deleting it again. Run it under Xvfb; see docs/gui-benchmark.md.
 *
 * <p>The catalog is written in the MTRB RestBench catalog format (a {@code tmdb_tool_rewrite.json} without a
 * test file, so only tools are imported) and imported through {@link ImportService} like any user file.
 *
 * <p>Arguments: {@code [tools] [rounds]}, defaults 100000 and 3.
 */
public final class CatalogBrowserBenchmark {

    static final String PHRASE = "get weather forecast for city";
    private static final String[] VERBS = {"get", "list", "create", "update", "delete", "search", "find", "fetch", "send", "check"};
    private static final String[] NOUNS = {"weather", "forecast", "city", "movie", "user", "order", "invoice", "flight", "hotel",
        "route", "stock", "price", "song", "playlist", "repository", "issue", "message", "channel", "calendar", "event", "recipe",
        "book", "author", "station", "train", "ticket", "payment", "account", "file", "folder", "image", "video", "news", "article",
        "translation", "language", "country", "currency", "rate", "temperature", "air", "quality", "map", "address", "restaurant",
        "review", "product", "cart", "shipment", "package", "contact", "email", "task", "project", "team", "meeting", "note",
        "device", "sensor", "alert"};
    private static final String[] FILLER = {"for", "the", "a", "of", "in", "by", "with", "and", "or", "from", "to", "on", "at",
        "given", "current", "daily", "hourly", "latest", "detailed", "public", "its", "all", "each", "optional", "returns",
        "information", "details", "data", "status", "results", "name", "id", "date", "time", "location", "query", "filter"};

    private CatalogBrowserBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tools = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("qta-gui-bench");
        try {
            run(dir, tools, rounds);
        } finally {
            deleteTree(dir);
        }
        System.exit(0);
    }

    private static void run(Path dir, int tools, int rounds) throws Exception {
        System.out.println(Machine.describe());
        long t = System.nanoTime();
        Path source = generate(dir.resolve("generated"), tools);
        System.out.printf(Locale.ROOT, "generated %,d tools (%,d bytes of JSON) in %d ms%n", tools,
                Files.size(source.resolve("tmdb_tool_rewrite.json")), ms(System.nanoTime() - t));
        Workspace workspace = Workspace.open(dir.resolve("bench.qta"));
        t = System.nanoTime();
        ImportReport report = new ImportService(workspace).importSource(ImportSource.of(source), "mtrb", "generated", Progress.NONE);
        System.out.printf(Locale.ROOT, "imported through ImportService in %d ms: %s%n", ms(System.nanoTime() - t), report.summary());

        FxThread.startup();
        System.out.println("javafx " + System.getProperty("javafx.runtime.version"));
        AppContext context = new AppContext(workspace);
        try {
            measure(context, tools, rounds);
        } finally {
            FxThread.exit();
            context.close();
        }
    }

    private static void measure(AppContext context, int tools, int rounds) throws Exception {
        CompletableFuture<Long> loaded = new CompletableFuture<>();
        CompletableFuture<Long> built = new CompletableFuture<>();
        long start = System.nanoTime();
        Holder h = FxThread.call(() -> {
            MainWindow window = new MainWindow(context);
            built.complete(System.nanoTime() - start);
            Stage stage = new Stage();
            stage.setScene(new Scene(window.root(), 1280, 800));
            stage.setTitle("QTA Studio — catalog browser benchmark");
            stage.show();
            @SuppressWarnings("unchecked")
            TableView<Object> table = (TableView<Object>) window.root().lookup("#toolTable");
            TextField search = (TextField) window.root().lookup("#searchField");
            table.itemsProperty().addListener((obs, old, items) -> {
                if (items.size() == tools && !loaded.isDone()) {
                    table.applyCss();
                    table.layout();
                    loaded.complete(System.nanoTime() - start);
                }
            });
            return new Holder(table, search, PulseMonitor.start());
        });
        long shownNanos = System.nanoTime() - start;
        long openNanos = loaded.get(5, TimeUnit.MINUTES);
        Thread.sleep(1000);
        PulseMonitor.Gaps gaps = FxThread.call(() -> h.pulses().stop());
        System.out.printf(Locale.ROOT, "window built in %d ms and shown in %d ms (first start: classes, FXML and CSS of every screen)%n",
                ms(built.get()), ms(shownNanos));
        System.out.printf(Locale.ROOT, "open: %,d rows in the table and laid out %d ms after the window was created%n",
                h.table().getItems().size(), ms(openNanos));
        System.out.printf(Locale.ROOT, "first frame after the window was shown: %d ms%n", gaps.firstMillis());
        System.out.printf(Locale.ROOT, "FX thread from the first frame until 1 s after the rows are in: %s%n",
                gaps.afterFirstFrame().describe());

        List<Long> typing = new ArrayList<>();
        List<Long> deleting = new ArrayList<>();
        List<Long> filterOnly = new ArrayList<>();
        int shownAtEnd = 0;
        for (int round = 0; round < rounds; round++) {
            for (int i = 1; i <= PHRASE.length(); i++) {
                long[] split = keystroke(h, PHRASE.substring(0, i));
                typing.add(split[0]);
                filterOnly.add(split[1]);
            }
            shownAtEnd = h.table().getItems().size();
            for (int i = PHRASE.length() - 1; i >= 0; i--) {
                long[] split = keystroke(h, PHRASE.substring(0, i));
                deleting.add(split[0]);
                filterOnly.add(split[1]);
            }
        }
        System.out.printf(Locale.ROOT, "filter \"%s\": %,d of %,d tools match the whole phrase%n", PHRASE, shownAtEnd, tools);
        report("typing, one character per keystroke", typing, rounds);
        report("deleting, one character per keystroke", deleting, rounds);
        List<Long> all = new ArrayList<>(typing);
        all.addAll(deleting);
        report("all keystrokes", all, rounds);
        report("all keystrokes, FX-thread time of setting the text (filtering runs in the background)", filterOnly, rounds);
    }

    private record Holder(TableView<Object> table, TextField search, PulseMonitor pulses) {
    }

    /**
     * Sets the search text and times it until the table shows the new matches and has re-laid out (filtering
     * runs off the FX thread, so this polls the table's items from the FX thread every millisecond); then lets a
     * pulse render. Returns that time and, within it, the time the FX thread spent in setting the text.
     */
    private static long[] keystroke(Holder h, String text) throws Exception {
        Object before = FxThread.call(() -> h.table().getItems());
        long[] started = FxThread.call(() -> {
            long s = System.nanoTime();
            h.search().setText(text);
            return new long[] {s, System.nanoTime() - s};
        });
        long total;
        while (true) {
            Long done = FxThread.call(() -> {
                if (h.table().getItems() == before) {
                    return null;
                }
                h.table().applyCss();
                h.table().layout();
                return System.nanoTime() - started[0];
            });
            if (done != null) {
                total = done;
                break;
            }
            Thread.sleep(1);
        }
        Thread.sleep(30);
        return new long[] {total, started[1]};
    }

    private static void report(String what, List<Long> nanos, int rounds) {
        List<Long> sorted = nanos.stream().sorted(Comparator.naturalOrder()).toList();
        System.out.printf(Locale.ROOT, "filter latency, %s (%d keystrokes over %d rounds): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                what, sorted.size(), rounds, millis(percentile(sorted, 50)), millis(percentile(sorted, 95)), millis(sorted.getLast()));
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** Writes {@code tools} seeded pseudo-API tools in the RestBench catalog shape; returns the folder. */
    public static Path generate(Path folder, int tools) throws IOException {
        Files.createDirectories(folder);
        SplittableRandom random = new SplittableRandom(20_251_123);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(folder.resolve("tmdb_tool_rewrite.json").toFile(),
                com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            json.writeStartArray();
            for (int i = 0; i < tools; i++) {
                String verb = VERBS[random.nextInt(VERBS.length)];
                String noun = NOUNS[random.nextInt(NOUNS.length)];
                String other = NOUNS[random.nextInt(NOUNS.length)];
                String method = verb.equals("create") || verb.equals("send") ? "POST"
                        : verb.equals("update") ? "PUT" : verb.equals("delete") ? "DELETE" : "GET";
                StringBuilder description = new StringBuilder(capitalise(verb)).append(' ').append(noun);
                int words = 10 + random.nextInt(16);
                for (int w = 0; w < words; w++) {
                    description.append(' ').append(random.nextInt(3) == 0 ? NOUNS[random.nextInt(NOUNS.length)]
                            : FILLER[random.nextInt(FILLER.length)]);
                }
                description.append('.');
                json.writeStartObject();
                json.writeNumberField("ID", i + 1);
                json.writeStringField("tool_name", verb + capitalise(noun) + "By" + capitalise(other) + i);
                json.writeStringField("tool_usage", method + " /" + noun + "/" + other + "/" + i);
                json.writeStringField("tool_description", description.toString());
                json.writeStringField("rewrite_description", description.toString());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        return folder;
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
