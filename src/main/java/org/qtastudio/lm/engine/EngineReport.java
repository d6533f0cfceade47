package org.qtastudio.lm.engine;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What DJL actually loaded: the engine version and the libtorch files mapped into this process. */
public final class EngineReport {

    /**
     * @param engineVersion DJL's PyTorch engine version ({@code Engine.getVersion()})
     * @param gpuCount CUDA devices the engine sees
     * @param libtorchFiles the libtorch / libc10 / libdjl_torch files in {@code /proc/self/maps} (Linux), in order
     */
    public record Loaded(String engineVersion, int gpuCount, List<String> libtorchFiles) {
        /** The folder {@code libtorch.so} was mapped from, or null. */
        public Path libtorchFolder() {
            for (String f : libtorchFiles) {
                Path p = Path.of(f);
                if (p.getFileName().toString().equals("libtorch.so")) {
                    return p.getParent();
                }
            }
            return null;
        }
    }

    private EngineReport() {
    }

    /** Loads the engine (if not yet) and reports it. */
    public static Loaded load() {
        Engine e = Engine.getEngine("PyTorch");
        return new Loaded(e.getVersion(), e.getGpuCount(), mappedLibtorch());
    }

    /** The libtorch-related shared objects in {@code /proc/self/maps}; empty where that file does not exist. */
    public static List<String> mappedLibtorch() {
        Path maps = Path.of("/proc/self/maps");
        Set<String> out = new LinkedHashSet<>();
        if (!Files.isReadable(maps)) {
            return List.of();
        }
        try {
            for (String line : Files.readAllLines(maps)) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String path = line.substring(slash).strip();
                String name = path.substring(path.lastIndexOf('/') + 1);
                if (name.startsWith("libtorch") || name.startsWith("libc10") || name.contains("djl_torch")) {
                    out.add(path);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return List.copyOf(out);
    }
}
