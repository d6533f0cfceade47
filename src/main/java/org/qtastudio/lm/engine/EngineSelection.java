package org.qtastudio.lm.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the libtorch build before DJL's PyTorch engine loads, and remembers why.
 *
 * <p>DJL 0.36's loader ({@code ai.djl.pytorch.jni.LibUtils.loadLibrary → getLibTorch}) first calls
 * {@code findOverrideLibrary}, which reads {@code PYTORCH_LIBRARY_PATH} through {@code Utils.getEnvOrSystemProperty}
 * (the environment variable, else the Java system property) and, when that folder holds {@code libtorch.so}, uses it
 * whatever native jar is on the class path; only without it does {@code findNativeLibrary} take the bundled
 * {@code pytorch-native-cpu} jar. For such a folder the flavour is {@code PYTORCH_FLAVOR} (else guessed from CUDA as
 * {@code cuXYZ-precxx11}, a JNI folder {@code pytorch-jni} does not have), and the JNI library is looked for first in
 * the folder itself ({@code findJniLibrary}: {@code 0.36.0-libdjl_torch.so}, then {@code libdjl_torch.so}). So
 * system properties set before the first DJL call are enough: no re-launch is needed. The setting:
 * {@code -Dqta.engine} or {@code $QTA_ENGINE} = {@code auto} (default: an installed CUDA build when an NVIDIA GPU
 * whose driver supports it is present), {@code cpu} (always the bundled build) or a flavour ({@code cu128}: that
 * installed build even without a GPU).
 */
public final class EngineSelection {

    private static final Logger LOG = LoggerFactory.getLogger(EngineSelection.class);

    /** The setting's system property; the environment variable is {@code QTA_ENGINE}. */
    public static final String PROPERTY = "qta.engine";

    /**
     * The choice.
     *
     * @param build {@code bundled cpu}, the installed build's id, or {@code PYTORCH_LIBRARY_PATH}
     * @param libraryPath the folder DJL is pointed at, or null for the bundled CPU build
     * @param flavor {@code cpu} or the CUDA flavour
     * @param reason why, for people
     * @param detection the GPU detection, or null when it was not needed
     */
    public record Choice(String build, Path libraryPath, String flavor, String reason, GpuDetector.Detection detection) {
        public boolean cuda() {
            return flavor.startsWith("cu");
        }
    }

    private static volatile Choice current;

    private EngineSelection() {
    }

    /**
     * Makes the choice for this process (once) and points DJL at it through system properties. Call it before anything
     * touches DJL's PyTorch engine (the application's and the CLI's {@code main} do it first).
     */
    public static synchronized Choice selectBeforeDjl() {
        if (current == null) {
            String setting = System.getProperty(PROPERTY);
            if (setting == null || setting.isBlank()) {
                setting = System.getenv("QTA_ENGINE");
            }
            Choice c;
            try {
                c = decide(setting, EngineStore.standard(), GpuDetector::system, System.getenv());
            } catch (RuntimeException e) {
                c = new Choice("bundled cpu", null, "cpu", "the engine choice failed (" + e + "); the bundled CPU build "
                        + "is used", null);
            }
            apply(c);
            current = c;
            if (c.libraryPath() != null || c.detection() != null) { // a build in use, or one installed and not used
                LOG.info("PyTorch engine: {} — {}", c.build(), c.reason());
            } else {
                LOG.debug("PyTorch engine: {} — {}", c.build(), c.reason());
            }
        }
        return current;
    }

    /** The choice made for this process (making it now if {@code main} did not). */
    public static Choice current() {
        return current != null ? current : selectBeforeDjl();
    }

    private static void apply(Choice c) {
        if (c.libraryPath() != null && !c.build().equals("PYTORCH_LIBRARY_PATH")) {
            System.setProperty("PYTORCH_LIBRARY_PATH", c.libraryPath().toString());
            System.setProperty("PYTORCH_FLAVOR", c.flavor());
            System.setProperty("PYTORCH_VERSION", EngineStore.TORCH_VERSION);
        }
    }

    /** The decision alone, for tests: nothing is set. */
    static Choice decide(String setting, EngineStore store, Supplier<GpuDetector.Detection> detector, Map<String, String> env) {
        String userPath = env.get("PYTORCH_LIBRARY_PATH");
        if (userPath != null && !userPath.isBlank()) {
            String flavor = env.getOrDefault("PYTORCH_FLAVOR", "");
            return new Choice("PYTORCH_LIBRARY_PATH", Path.of(userPath.split(java.io.File.pathSeparator)[0]),
                    flavor.isBlank() ? "unknown" : flavor, "PYTORCH_LIBRARY_PATH is set in the environment, so DJL loads "
                    + "libtorch from " + userPath + (flavor.isBlank() ? " (PYTORCH_FLAVOR is not set: DJL guesses it)" : ""),
                    null);
        }
        String s = setting == null || setting.isBlank() ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return cpu("QTA_ENGINE=cpu asks for the bundled CPU build", null);
        }
        if (s.matches("cu\\d{3}")) {
            try {
                EngineStore.Build b = store.find(s);
                if (b == null) {
                    return cpu("QTA_ENGINE=" + s + " but no " + s + " build is installed (lm engine install --flavor " + s
                            + ")", null);
                }
                return use(store, b, "QTA_ENGINE=" + s + " asks for it", null);
            } catch (IOException e) {
                return cpu("the engine store cannot be read (" + e.getMessage() + ")", null);
            }
        }
        if (!s.equals("auto")) {
            return cpu("QTA_ENGINE=" + setting + " is not auto, cpu or a flavour such as cu128", null);
        }
        List<EngineStore.Build> builds;
        try {
            builds = store.list().stream().filter(b -> b.flavor().startsWith("cu")).toList();
        } catch (IOException e) {
            return cpu("the engine store cannot be read (" + e.getMessage() + ")", null);
        }
        if (builds.isEmpty()) {
            return cpu("no CUDA build is installed (lm engine install)", null);
        }
        GpuDetector.Detection d = detector.get();
        if (!d.hasGpu()) {
            return cpu("a CUDA build is installed but " + d.describe(), d);
        }
        int cuda = d.cudaNumber();
        for (EngineStore.Build b : builds) {
            int need = Integer.parseInt(b.flavor().substring(2));
            if (cuda < 0 || need <= cuda) {
                return use(store, b, "an NVIDIA GPU is present: " + d.describe(), d);
            }
        }
        return cpu("the NVIDIA driver supports CUDA " + d.cudaVersion() + ", older than the installed "
                + builds.get(0).flavor() + " build needs: update the driver (" + d.describe() + ")", d);
    }

    private static Choice use(EngineStore store, EngineStore.Build b, String why, GpuDetector.Detection d) {
        try {
            String broken = store.verify(b, false);
            if (broken != null) {
                return cpu("the installed " + b.id() + " build is damaged (" + broken + "): run lm engine remove --flavor "
                        + b.flavor() + " and install it again", d);
            }
        } catch (IOException e) {
            return cpu("the installed " + b.id() + " build cannot be read (" + e.getMessage() + ")", d);
        }
        return new Choice(b.id(), b.dir(), b.flavor(), why + "; using the installed " + b.id() + " build", d);
    }

    private static Choice cpu(String why, GpuDetector.Detection d) {
        return new Choice("bundled cpu", null, "cpu", why + "; using the bundled CPU build", d);
    }
}
