package org.qtastudio.app.settings;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.app.WindowUiTest;
import org.qtastudio.lm.engine.EngineStore;
import org.qtastudio.lm.engine.LoopbackMirror;
import org.testfx.api.FxRobot;

/**
 * The consent dialog, on the primary stage without the main window: says what and how much before anything is
 * downloaded; Download installs, then offers a restart.
 */
class EngineInstallDialogUiTest extends WindowUiTest {

    @TempDir
    Path dir;

    @Test
    void asksBeforeDownloadingThenInstallsAndOffersARestart(FxRobot robot) throws Exception {
        Path lib = dir.resolve("mirror/2.7.1/cu128/linux-x86_64/native/lib");
        Files.createDirectories(lib);
        byte[] bytes = new byte[2 << 20];
        new Random(1).nextBytes(bytes);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(lib.resolve("libtorch.so.gz")))) {
            out.write(bytes);
        }
        Files.writeString(dir.resolve("mirror/2.7.1/files.txt"), "cu128/linux-x86_64/native/lib/libtorch.so.gz\n");
        try (LoopbackMirror mirror = new LoopbackMirror(dir.resolve("mirror"))) {
            EngineStore store = new EngineStore(dir.resolve("engines"), mirror.baseUrl(), EngineStore.JniSource.CLASS_PATH);
            @SuppressWarnings("unchecked")
            Dialog<ButtonType>[] dialog = new Dialog[1];
            robot.interact(() -> {
                stage.setScene(new Scene(new StackPane(), 400, 300));
                stage.show();
                dialog[0] = EngineInstallDialog.show(stage, store);
            });
            Label plan = robot.lookup("#enginePlan").query();
            waitOnFx(30, "the dialog says what it will download", () -> plan.getText().startsWith("QTA Studio will download"));
            String planned = onFx(plan::getText);
            assertTrue(planned.contains("1 files, 2.0 MiB") && planned.contains(mirror.baseUrl())
                    && planned.contains(store.dirOf("cu128").toString()) && planned.contains("can be removed"),
                    planned);
            assertTrue(mirror.requests.stream().noneMatch(r -> r.method().equals("GET") && r.path().endsWith(".gz")),
                    "nothing downloaded before consent");
            assertFalse(Files.exists(store.dirOf("cu128")));
            Label found = robot.lookup("#engineFound").query();
            String foundText = onFx(found::getText);
            assertTrue(foundText.startsWith("Found: "), foundText);

            Button download = onFx(() -> (Button) dialog[0].getDialogPane().lookupButton(EngineInstallDialog.DOWNLOAD));
            robot.interact(download::fire);
            Label status = robot.lookup("#engineStatus").query();
            waitOnFx(60, "the engine is installed", () -> status.getText().startsWith("Installed into"));
            String installed = onFx(status::getText);
            assertTrue(installed.contains("restart QTA Studio to use it"), installed);
            assertNotNull(store.find("cu128"));
            assertNotNull(onFx(() -> dialog[0].getDialogPane().lookupButton(EngineInstallDialog.RESTART)), "a restart is offered");
            robot.interact(dialog[0]::close);
        }
    }
}
