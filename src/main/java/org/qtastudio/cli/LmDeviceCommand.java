package org.qtastudio.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.qtastudio.lm.engine.DeviceChoice;
import org.qtastudio.lm.engine.EngineReport;
import org.qtastudio.lm.engine.EngineSelection;
import org.qtastudio.lm.engine.EngineStore;
import org.qtastudio.lm.engine.GpuDetector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lm device}: the GPUs found (without loading PyTorch), the engine build chosen and why, and what loaded. */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Show the NVIDIA GPUs found (nvidia-smi, /proc/driver/nvidia), the installed engine builds, which "
                + "libtorch build is used and why; with --load, load it and show where libtorch came from.")
public final class LmDeviceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--load", description = "Load PyTorch and report its version, the GPUs it sees and the libtorch "
            + "files mapped into this process (/proc/self/maps).")
    boolean load;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        EngineSelection.Choice c = EngineSelection.current();
        GpuDetector.Detection d = c.detection() != null ? c.detection() : GpuDetector.system();
        out.println("gpu:       " + d.describe());
        EngineStore store = EngineStore.standard();
        var builds = store.list();
        out.println("installed: " + (builds.isEmpty() ? "none (lm engine install)" : String.join(", ",
                builds.stream().map(EngineStore.Build::id).toList())) + " in " + store.root());
        out.println("engine:    " + c.build() + (c.libraryPath() != null ? " (" + c.libraryPath() + ")" : ""));
        out.println("why:       " + c.reason());
        if (load) {
            EngineReport.Loaded l = EngineReport.load();
            out.println("loaded:    PyTorch " + l.engineVersion() + ", " + l.gpuCount() + " CUDA device(s)");
            out.println("libtorch:  " + (l.libtorchFolder() == null ? "not found in /proc/self/maps" : l.libtorchFolder()));
            for (String f : l.libtorchFiles()) {
                out.println("  mapped   " + f);
            }
            if (l.gpuCount() == 0) {
                out.println("gpu use:   no — " + DeviceChoice.whyNoGpu(c));
            }
        }
        out.flush();
        return 0;
    }
}
