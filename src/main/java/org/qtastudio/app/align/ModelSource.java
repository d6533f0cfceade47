package org.qtastudio.app.align;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.LatestTask;
import org.qtastudio.app.Messages;
import org.qtastudio.app.WorkSlot;
import org.qtastudio.lm.store.HubDownloader;
import org.qtastudio.lm.store.ModelStore;

/**
 * Part of the Align screen's state: the model to align, as a folder on disk or downloaded from the Hugging Face hub
 * into the model cache, what the folder holds (or why it cannot be used), and the device and number format it runs
 * with and that device's memory. Folders and devices are described off the FX thread; a description the user has
 * since replaced by typing is dropped.
 */
public final class ModelSource {

    /** Device settings offered; {@code gpu:N} may be typed. */
    public static final List<String> DEVICES = List.of("cpu", "auto", "gpu");
    public static final List<String> DTYPES = List.of("float32", "bfloat16", "float16");

    private final AppContext context;
    private final WorkSlot slot;
    private final Consumer<String> message;
    private final StringProperty modelDir = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper modelInfo = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper usable = new ReadOnlyBooleanWrapper();
    private final StringProperty hubRepo = new SimpleStringProperty("Qwen/Qwen2.5-0.5B-Instruct");
    private final StringProperty hubRevision = new SimpleStringProperty("main");
    private final StringProperty hubEndpoint = new SimpleStringProperty(System.getenv("HF_ENDPOINT") == null
            || System.getenv("HF_ENDPOINT").isBlank() ? HubDownloader.DEFAULT_ENDPOINT.toString() : System.getenv("HF_ENDPOINT"));
    private final StringProperty cacheDir = new SimpleStringProperty(ModelStore.defaultCacheDir().toString());
    private final StringProperty device = new SimpleStringProperty("cpu");
    private final StringProperty dtype = new SimpleStringProperty("float32");
    private final ReadOnlyStringWrapper deviceInfo = new ReadOnlyStringWrapper("");
    private final LatestTask<String> modelLoad;
    private final LatestTask<String> deviceLoad;

    ModelSource(AppContext context, WorkSlot slot, Consumer<String> message) {
        this.context = context;
        this.modelLoad = new LatestTask<>(context);
        this.deviceLoad = new LatestTask<>(context);
        this.slot = slot;
        this.message = message;
        modelDir.addListener((obs, old, dir) -> describeModel(dir));
        device.addListener((obs, old, d) -> describeDevice(d));
        describeModel(modelDir.get());
        describeDevice(device.get());
    }

    /** Downloads the hub model of the form into the model cache and chooses the downloaded folder. */
    public Task<Path> download() {
        String repo = hubRepo.get().strip();
        String revision = hubRevision.get().isBlank() ? "main" : hubRevision.get().strip();
        if (!repo.matches("[\\w.-]+/[\\w.-]+")) {
            message.accept("Enter a hub repository id such as Qwen/Qwen2.5-0.5B-Instruct.");
            return null;
        }
        URI endpoint;
        Path cache;
        try {
            endpoint = URI.create(hubEndpoint.get().strip());
            if (!"https".equals(endpoint.getScheme()) && !"http".equals(endpoint.getScheme())) {
                throw new IllegalArgumentException("the hub address must start with https://");
            }
            cache = Path.of(cacheDir.get().strip());
        } catch (IllegalArgumentException e) {
            message.accept("Check the hub settings: " + e.getMessage() + ".");
            return null;
        }
        return slot.begin("Downloading " + repo, progress -> new ModelStore(cache, new HubDownloader(endpoint, System.getenv("HF_TOKEN"), 5))
                .download(repo, revision, progress), dir -> {
                    modelDir.set(dir.toString());
                    message.accept("Downloaded " + repo + " (" + revision + ") into " + dir + ".");
                }, cancelled -> {
                    if (cancelled) {
                        message.accept("Download cancelled; what arrived is kept, so downloading again resumes.");
                    }
                });
    }

    private void describeModel(String dir) {
        modelLoad.drop();
        usable.set(false);
        if (dir == null || dir.isBlank()) {
            modelInfo.set("Choose a model folder, or download a model from the hub below.");
            return;
        }
        modelLoad.start(() -> {
            Path p = Path.of(dir.strip());
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException("there is no folder " + p);
            }
            return ModelSummary.describe(p) + "\n" + DeviceMemory.plan(p, "float32");
        }, info -> {
            modelInfo.set(info);
            usable.set(true);
        }, e -> modelInfo.set(Messages.readable("Reading the model folder", e)));
    }

    private void describeDevice(String setting) {
        deviceLoad.start(() -> DeviceMemory.describe(setting), deviceInfo::set, null);
    }

    /** The model folder as typed or chosen. */
    public StringProperty modelDirProperty() {
        return modelDir;
    }

    /** What the model folder holds, or why it cannot be used. */
    public ReadOnlyStringProperty modelInfoProperty() {
        return modelInfo.getReadOnlyProperty();
    }

    /** True once the folder has been read as a model this application can run. */
    public ReadOnlyBooleanProperty usableProperty() {
        return usable.getReadOnlyProperty();
    }

    public StringProperty hubRepoProperty() {
        return hubRepo;
    }

    public StringProperty hubRevisionProperty() {
        return hubRevision;
    }

    /** The hub's address ({@code HF_ENDPOINT} or the public hub), so a mirror can be used. */
    public StringProperty hubEndpointProperty() {
        return hubEndpoint;
    }

    /** Where downloaded models are kept. */
    public StringProperty cacheDirProperty() {
        return cacheDir;
    }

    public StringProperty deviceProperty() {
        return device;
    }

    public StringProperty dtypeProperty() {
        return dtype;
    }

    /** The device the setting means here and its memory. */
    public ReadOnlyStringProperty deviceInfoProperty() {
        return deviceInfo.getReadOnlyProperty();
    }
}
