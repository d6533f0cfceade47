package org.qtastudio.app.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.engine.EngineSelection;
import org.qtastudio.lm.engine.EngineStore;
import org.qtastudio.lm.engine.GpuDetector;

/**
 * The consent dialog for the CUDA build of PyTorch: says what was found, what would be downloaded (size, from where,
 * into which folder) and that it can be removed; downloads only after "Download", with progress and cancel; then says
 * a restart is needed (DJL chooses its libtorch once per process) and offers it.
 */
public final class EngineInstallDialog {

    static final ButtonType DOWNLOAD = new ButtonType("Download", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType REMOVE = new ButtonType("Remove installed build", ButtonBar.ButtonData.LEFT);
    static final ButtonType RESTART = new ButtonType("Restart now", ButtonBar.ButtonData.APPLY);
    static final String FLAVOR = "cu128";

    private final EngineStore store;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final Label found = new Label("Looking for NVIDIA GPUs…");
    private final Label inUse = new Label();
    private final Label plan = new Label("Asking the download site what the build consists of…");
    private final Label status = new Label();
    private final ProgressBar bar = new ProgressBar(0);
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile boolean running;

    private EngineInstallDialog(Window owner, EngineStore store) {
        this.store = store;
        dialog.initOwner(owner);
        dialog.setTitle("GPU engine (CUDA build of PyTorch)");
        for (Label l : List.of(found, inUse, plan, status)) {
            l.setWrapText(true);
        }
        found.setId("engineFound");
        inUse.setId("engineInUse");
        plan.setId("enginePlan");
        status.setId("engineStatus");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setVisible(false);
        VBox box = new VBox(10, found, inUse, plan, bar, status);
        box.setPrefWidth(640);
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().getButtonTypes().addAll(DOWNLOAD, ButtonType.CANCEL);
        Button download = (Button) dialog.getDialogPane().lookupButton(DOWNLOAD);
        download.setDisable(true);
        download.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            download.setDisable(true);
            install();
        });
        Button cancel = (Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.addEventFilter(ActionEvent.ACTION, e -> {
            if (running) { // stop the download; the part kept resumes next time
                e.consume();
                cancelled.set(true);
                status.setText("Cancelling…");
            }
        });
        dialog.setResizable(true);
    }

    /** Opens the dialog (non-blocking); nothing is downloaded until the user presses Download. */
    public static Dialog<ButtonType> show(Window owner) {
        return show(owner, EngineStore.standard());
    }

    /** With another store (tests: a loopback mirror and a temporary data folder). */
    static Dialog<ButtonType> show(Window owner, EngineStore store) {
        EngineInstallDialog d = new EngineInstallDialog(owner, store);
        d.load();
        d.dialog.show();
        return d.dialog;
    }

    private void load() {
        background(() -> {
            GpuDetector.Detection det = GpuDetector.system();
            EngineSelection.Choice choice = EngineSelection.current();
            EngineStore.Build installed = store.find(FLAVOR);
            Platform.runLater(() -> {
                found.setText("Found: " + det.describe() + ".");
                inUse.setText("In use: " + choice.build() + " — " + choice.reason() + ".");
                if (installed != null) {
                    plan.setText("The " + installed.id() + " build is installed in " + installed.dir() + " ("
                            + size(installed.bytes()) + "). " + (choice.cuda() ? "" : "It is used after a restart when a "
                            + "GPU is found.") + " Removing it frees the space; it can be downloaded again.");
                    dialog.getDialogPane().getButtonTypes().add(0, REMOVE);
                    Button remove = (Button) dialog.getDialogPane().lookupButton(REMOVE);
                    remove.addEventFilter(ActionEvent.ACTION, e -> {
                        e.consume();
                        remove.setDisable(true);
                        background(() -> {
                            boolean gone = store.remove(FLAVOR);
                            Platform.runLater(() -> status.setText(gone ? "Removed. QTA Studio uses the bundled CPU build "
                                    + "from the next start." : "Nothing to remove."));
                        });
                    });
                }
            });
            if (installed != null) {
                return;
            }
            EngineStore.Plan p = store.plan(FLAVOR);
            long partial = store.partialBytes(FLAVOR);
            Platform.runLater(() -> {
                plan.setText(String.format(Locale.ROOT, "QTA Studio will download PyTorch %s for CUDA 12.8 (%s): %d files, "
                                + "%s%s, from %s, and install it into %s after checking every file. It is used from the "
                                + "next start when an NVIDIA GPU is found, and can be removed here or with "
                                + "`qta-studio lm engine remove`.%s", EngineStore.TORCH_VERSION, FLAVOR, p.files().size(),
                        size(p.bytes()), partial > 0 ? " (" + size(partial) + " already downloaded)" : "", p.baseUrl(),
                        store.dirOf(FLAVOR), det.hasGpu() ? "" : " No NVIDIA GPU was found on this computer, so it "
                                + "would not be used here."));
                dialog.getDialogPane().lookupButton(DOWNLOAD).setDisable(false);
            });
        });
    }

    private void install() {
        running = true;
        bar.setVisible(true);
        Progress progress = new Progress() {
            @Override
            public void update(String message, long done, long total) {
                Platform.runLater(() -> {
                    bar.setProgress(total > 0 ? done / (double) total : -1);
                    status.setText(message + (total > 0 && message.startsWith("Downloading")
                            ? " — " + size(done) + " of " + size(total) : ""));
                });
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        background(() -> {
            try {
                EngineStore.Build b = store.install(FLAVOR, progress);
                Platform.runLater(() -> {
                    running = false;
                    bar.setProgress(1);
                    status.setText("Installed into " + b.dir() + ". PyTorch is chosen once per start: restart QTA "
                            + "Studio to use it.");
                    dialog.getDialogPane().getButtonTypes().setAll(RESTART, ButtonType.CLOSE);
                    dialog.getDialogPane().lookupButton(RESTART).addEventFilter(ActionEvent.ACTION, e -> restart());
                });
            } finally {
                Platform.runLater(() -> running = false);
            }
        });
    }

    /** Starts the same command again and exits this process. */
    static void restart() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        if (info.command().isEmpty() || info.arguments().isEmpty()) {
            return; // the message already says to start it again
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(info.command().get());
        cmd.addAll(List.of(info.arguments().get()));
        try {
            new ProcessBuilder(cmd).inheritIO().start();
            Platform.exit();
            System.exit(0);
        } catch (java.io.IOException e) {
            // stays open; the user starts it again
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private void background(Work work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (org.qtastudio.common.CancelledException e) {
                Platform.runLater(() -> status.setText("Cancelled. What was downloaded is kept and the next Download "
                        + "resumes; nothing was installed."));
            } catch (Exception e) {
                Platform.runLater(() -> status.setText("Failed: " + (e.getMessage() == null ? e.toString() : e.getMessage())
                        + ". Nothing was installed; a download that stopped resumes next time."));
            }
        }, "qta-engine-install");
        t.setDaemon(true);
        t.start();
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
