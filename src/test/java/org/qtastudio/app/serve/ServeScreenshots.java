package org.qtastudio.app.serve;

import java.awt.image.BufferedImage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.MainWindow;
import org.qtastudio.app.settings.SettingsViewModel;
import org.qtastudio.app.settings.Themes;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.catalog.TestData;
import org.qtastudio.common.Json;
import org.qtastudio.store.Workspace;

/**
 * Renders the Serve screen in the states a user meets, in the light and the dark theme, into PNG files: stopped
 * ({@code serve-stopped}), serving with live figures and the query log off ({@code serve-running}), serving with the
 * query log on after RestBench's test queries were searched over HTTP ({@code serve-logged}), and a start refused
 * because the port is in use ({@code serve-error}), and settings that cannot be served, with the warning for a host
 * other than this machine ({@code serve-invalid}); each also as {@code *-dark.png}. The window runs on a new temporary
 * workspace holding MTRB RestBench from {@code ../shared}. Not a test: run it under Xvfb with the test class path, e.g.
 *
 * <pre>
 * xvfb-run -a -s "-screen 0 1920x1080x24" java -cp target/classes:target/test-classes:$(cat target/cp-all.txt) \
 *     org.qtastudio.app.serve.ServeScreenshots /tmp/serve-shots 1280 720
 * </pre>
 */
public final class ServeScreenshots {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ServeScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/serve-screenshots");
        int width = args.length > 2 ? Integer.parseInt(args[1]) : 1280;
        int height = args.length > 2 ? Integer.parseInt(args[2]) : 720;
        Files.createDirectories(out);
        Workspace workspace = Workspace.open(Files.createTempDirectory("qta-serve-shots").resolve("serve.qta"));
        TestData.importInto(workspace, TestData.dataset("mtrb", "restbench"), null, null);
        AppContext context = new AppContext(workspace);
        Platform.startup(() -> { });
        try {
            shoot(context, out, width, height);
        } finally {
            context.close();
            Platform.exit();
        }
        System.exit(0);
    }

    private static void shoot(AppContext context, Path out, int width, int height) throws Exception {
        SettingsViewModel settings = SettingsViewModel.inMemory();
        MainWindow window = fx(() -> new MainWindow(context, settings));
        Scene scene = fx(() -> {
            Themes.follow(settings);
            Stage stage = new Stage();
            stage.setScene(new Scene(window.root(), width, height));
            stage.setTitle("QTA Studio");
            stage.show();
            TabPane tabs = (TabPane) stage.getScene().lookup(".tab-pane");
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "serveTab".equals(t.getId())).findFirst().orElseThrow());
            return stage.getScene();
        });
        ServeViewModel serve = window.serveModel();
        waitFor("the catalog", () -> serve.catalogProperty().get() != null);
        fx(() -> {
            serve.form().jsonApiPortProperty().set("0");
            serve.form().mcpPortProperty().set("0");
            return null;
        });
        both(settings, scene, out, "serve-stopped");

        startAndWait(serve);
        URI jsonApi = URI.create(fx(() -> serve.jsonApiAddressProperty().get()));
        List<UserQuery> queries = context.catalogs().queries(serve.catalogProperty().get().id(), Split.TEST);
        search(jsonApi, queries.subList(0, 20));
        waitFor("the figures", () -> serve.statsProperty().get() != null && serve.statsProperty().get().requests() >= 22);
        both(settings, scene, out, "serve-running");
        stopAndWait(serve);

        fx(() -> {
            serve.form().logQueriesProperty().set(true);
            return null;
        });
        startAndWait(serve);
        jsonApi = URI.create(fx(() -> serve.jsonApiAddressProperty().get()));
        search(jsonApi, queries.subList(20, 60));
        waitFor("the logged queries", () -> serve.logged().size() >= 40);
        both(settings, scene, out, "serve-logged");
        stopAndWait(serve);

        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            fx(() -> {
                serve.form().jsonApiPortProperty().set(String.valueOf(taken.getLocalPort()));
                serve.start();
                return null;
            });
            waitFor("the refused start", () -> serve.errorProperty().get() && !serve.workingProperty().get());
            both(settings, scene, out, "serve-error");
        }
        fx(() -> {
            serve.form().hostProperty().set("0.0.0.0");
            serve.form().jsonApiPortProperty().set("8080");
            serve.form().mcpPortProperty().set("8080");
            return null;
        });
        both(settings, scene, out, "serve-invalid");
    }

    /** Searches each query over HTTP, and twice in a namespace the catalog lacks (refused: the errors figure). */
    private static void search(URI jsonApi, List<UserQuery> queries) throws Exception {
        for (UserQuery q : queries) {
            send(jsonApi, Json.write(java.util.Map.of("query", q.text(), "k", 5)));
        }
        for (int i = 0; i < 2; i++) {
            send(jsonApi, "{\"query\": \"play a song\", \"namespace\": \"Spotify\"}");
        }
    }

    private static void send(URI jsonApi, String body) throws Exception {
        HTTP.send(HttpRequest.newBuilder(jsonApi.resolve("v1/tool-search")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static void startAndWait(ServeViewModel serve) throws Exception {
        fx(serve::start);
        waitFor("serving", () -> serve.stateProperty().get() == ServeViewModel.State.RUNNING);
    }

    private static void stopAndWait(ServeViewModel serve) throws Exception {
        fx(serve::stop);
        waitFor("stopped", () -> serve.stateProperty().get() == ServeViewModel.State.STOPPED);
    }

    /** The screen as it is, in the light theme and then the dark one. */
    private static void both(SettingsViewModel settings, Scene scene, Path out, String name) throws Exception {
        snap(scene, out.resolve(name + ".png"));
        fx(() -> {
            settings.darkThemeProperty().set(true);
            return null;
        });
        snap(scene, out.resolve(name + "-dark.png"));
        fx(() -> {
            settings.darkThemeProperty().set(false);
            return null;
        });
    }

    /** Lets a few pulses pass so the scene is laid out and styled, then writes its pixels as a PNG. */
    private static void snap(Scene scene, Path file) throws Exception {
        Thread.sleep(1500);
        WritableImage image = fx(() -> scene.snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, w, h, argb, 0, w);
        ImageIO.write(png, "png", file.toFile());
        System.out.printf("wrote %s (%d x %d)%n", file, w, h);
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(1, TimeUnit.MINUTES);
    }

    private static void waitFor(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!fx(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
