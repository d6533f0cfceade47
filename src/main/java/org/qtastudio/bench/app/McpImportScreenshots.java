package org.qtastudio.bench.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javafx.event.ActionEvent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.MainWindow;
import org.qtastudio.app.settings.SettingsViewModel;
import org.qtastudio.app.settings.Themes;
import org.qtastudio.catalog.imports.SampleData;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/**
 * Photographs the import dialog's MCP state on a real X screen (run it under Xvfb; each photo is ImageMagick's
 * {@code import -window root}, so it shows what the screen shows, focus ring included): the empty form, the tools a
 * server listed, and a server that failed, in the light and the dark theme. The window fills the screen, on a new
 * temporary workspace holding the sample catalog.
 *
 * <p>Arguments: {@code OUTPUT_FOLDER WIDTH HEIGHT SERVER_COMMAND...}, e.g. {@code /tmp/shots 1280 720 node
 * target/mcp-servers/node_modules/.bin/mcp-server-everything}. See docs/gui-benchmark.md.
 */
public final class McpImportScreenshots {

    /** A server that fails as real ones do: a message on stderr, then an exit before answering. */
    private static final String FAILING = "sh -c 'echo \"missing API token: set GITHUB_TOKEN\" >&2; exit 3'";

    private McpImportScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("arguments: OUTPUT_FOLDER WIDTH HEIGHT SERVER_COMMAND...");
        }
        Path out = Files.createDirectories(Path.of(args[0]));
        int width = Integer.parseInt(args[1]);
        int height = Integer.parseInt(args[2]);
        String server = String.join(" ", Arrays.asList(args).subList(3, args.length));
        Workspace workspace = Workspace.open(Files.createTempDirectory("qta-mcp-shots").resolve("shots.qta"));
        SampleData.importInto(workspace, Progress.NONE);
        FxThread.startup();
        AppContext context = new AppContext(workspace);
        try {
            SettingsViewModel settings = SettingsViewModel.inMemory();
            MainWindow window = FxThread.call(() -> {
                Themes.follow(settings);
                MainWindow w = new MainWindow(context, settings);
                Stage stage = new Stage();
                stage.setScene(new Scene(w.root(), width, height));
                stage.setX(0);
                stage.setY(0);
                stage.setTitle("QTA Studio");
                stage.show();
                return w;
            });
            for (boolean dark : new boolean[] {false, true}) {
                FxThread.call(() -> {
                    settings.darkThemeProperty().set(dark);
                    return null;
                });
                String theme = dark ? "-dark" : "";
                Dialog<ButtonType> dialog = FxThread.call(window::previewMcpImport);
                Scene scene = FxThread.call(() -> dialog.getDialogPane().getScene());
                photo(out.resolve("mcp-empty" + theme + ".png"));
                list(scene, server, "#importSummaryLabel");
                photo(out.resolve("mcp-listed" + theme + ".png"));
                list(scene, FAILING, "#importErrorLabel");
                photo(out.resolve("mcp-error" + theme + ".png"));
                FxThread.call(() -> {
                    dialog.close();
                    return null;
                });
            }
        } finally {
            FxThread.exit();
            context.close();
        }
        System.exit(0);
    }

    /** Types {@code command} into the server field as a user would leave it, presses Enter, and waits for {@code shown}. */
    private static void list(Scene scene, String command, String shown) throws Exception {
        TextField field = FxThread.call(() -> (TextField) scene.lookup("#mcpServerField"));
        FxThread.call(() -> {
            field.setText(command);
            field.requestFocus();
            field.end();
            field.fireEvent(new ActionEvent());
            return null;
        });
        FxThread.waitFor(shown, () -> !((Label) scene.lookup(shown)).getText().isEmpty(), 2);
    }

    /** The whole X screen, once the last changes are drawn. */
    private static void photo(Path file) throws Exception {
        Thread.sleep(800);
        Process p = new ProcessBuilder("import", "-window", "root", file.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("import -window root " + file + " failed: is ImageMagick installed and DISPLAY set?");
        }
        System.out.printf("wrote %s (%,d bytes)%n", file, Files.size(file));
    }
}
