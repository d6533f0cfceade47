package org.qtastudio.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.qtastudio.lm.engine.EngineSelection;
import org.qtastudio.lm.engine.EngineStore;
import org.qtastudio.lm.engine.GpuDetector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lm engine}: install, list and remove CUDA builds of libtorch. */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Manage CUDA builds of PyTorch (libtorch " + EngineStore.TORCH_VERSION + ") in the data folder.",
        subcommands = {LmEngineCommand.Install.class, LmEngineCommand.ListBuilds.class, LmEngineCommand.Remove.class})
public final class LmEngineCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static EngineStore store(String mirror) {
        return mirror == null ? EngineStore.standard()
                : new EngineStore(EngineStore.defaultRoot(), mirror, EngineStore.JniSource.CLASS_PATH);
    }

    static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }

    /** {@code lm engine install}. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Download a CUDA build of libtorch from DJL's site (or --mirror), verify it and install it. "
                    + "An interrupted download resumes; a file that contradicts the site's size or MD5 ETag is refused "
                    + "and nothing is installed. The build is used from the next start on.")
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--flavor", paramLabel = "cuNNN", description = "CUDA flavour (default: the one the driver "
                + "supports, cu128 for PyTorch 2.7.1).")
        String flavor;

        @Option(names = "--mirror", paramLabel = "URL", description = "Base URL in DJL's layout (default: "
                + "$QTA_ENGINE_MIRROR or " + EngineStore.DEFAULT_MIRROR + ").")
        String mirror;

        @Option(names = "--dry-run", description = "Only say what would be downloaded and where.")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String f = flavor;
            if (f == null) {
                GpuDetector.Detection d = GpuDetector.system();
                f = "cu128";
                err.println(d.hasGpu() ? "found " + d.describe() : "note: " + d.describe()
                        + "; installing cu128 anyway (it is used only where a GPU is found, or with QTA_ENGINE=cu128)");
                if (d.hasGpu() && d.cudaNumber() > 0 && d.cudaNumber() < 128) {
                    err.println("warning: the driver supports CUDA " + d.cudaVersion() + "; the cu128 build needs a "
                            + "driver for CUDA 12.8 (570 or newer) and will not be selected until the driver is updated");
                }
            }
            EngineStore store = store(mirror);
            EngineStore.Plan plan = store.plan(f);
            long partial = store.partialBytes(f);
            err.printf("%s: %d files, %s to download%s from %s into %s%n", f, plan.files().size(), size(plan.bytes()),
                    partial > 0 ? " (" + size(partial) + " already here, resuming)" : "", plan.baseUrl(), store.dirOf(f));
            err.flush();
            if (dryRun) {
                return 0;
            }
            EngineStore.Build b = store.install(f, LmModelOptions.LmCliProgress.to(err));
            out.println(b.dir());
            err.println("installed " + b.id() + " (" + size(b.bytes()) + " unpacked); it is used from the next start "
                    + "when a GPU is found (lm device tells); lm engine remove --flavor " + f + " deletes it");
            return 0;
        }
    }

    /** {@code lm engine list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List installed builds; --verify re-checks "
            + "every file's SHA-256.")
    static final class ListBuilds implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--verify", description = "Re-compute each file's SHA-256 and compare with the manifest.")
        boolean verify;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            EngineStore store = EngineStore.standard();
            var builds = store.list();
            out.println("bundled cpu (in the application), always available");
            boolean ok = true;
            for (EngineStore.Build b : builds) {
                String problem = store.verify(b, verify);
                ok &= problem == null;
                out.printf("%s  %s  installed %s  %s  %s%n", b.id(), size(b.bytes()), b.installedAt(), b.dir(),
                        problem == null ? (verify ? "verified" : "complete") : "DAMAGED: " + problem);
            }
            if (store.partialBytes("cu128") > 0) {
                out.println("an unfinished cu128 download (" + size(store.partialBytes("cu128")) + ") waits to resume");
            }
            out.println("in use: " + EngineSelection.current().build());
            out.flush();
            return ok ? 0 : 1;
        }
    }

    /** {@code lm engine remove}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete an installed build (and any "
            + "unfinished download of it).")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--flavor", defaultValue = "cu128", paramLabel = "cuNNN", description = "(default: ${DEFAULT-VALUE})")
        String flavor;

        @Override
        public Integer call() throws Exception {
            boolean removed = EngineStore.standard().remove(flavor);
            spec.commandLine().getOut().println(removed ? "removed " + flavor : "no " + flavor + " build was installed");
            return 0;
        }
    }
}
