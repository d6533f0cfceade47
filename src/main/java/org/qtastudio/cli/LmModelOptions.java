package org.qtastudio.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.LmRuntime;
import org.qtastudio.lm.store.HubDownloader;
import org.qtastudio.lm.store.ModelStore;
import picocli.CommandLine.Option;

/** The options every {@code lm} command that loads a model shares: which model, on which device, in which dtype. */
public final class LmModelOptions {

    @Option(names = "--model", required = true, paramLabel = "DIR|REPO",
            description = "Model folder (config.json + *.safetensors), or a hub repository id to download.")
    String model;

    @Option(names = "--revision", defaultValue = "main", description = "Hub revision when --model is a repository "
            + "id (default: ${DEFAULT-VALUE}).")
    String revision;

    @Option(names = "--device", defaultValue = "auto",
            description = "auto (CUDA when present, else CPU), cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--dtype", defaultValue = "float32",
            description = "float32, or on a GPU bfloat16/float16 (default: ${DEFAULT-VALUE}).")
    String dtype;

    /** The model folder, downloading a hub repository into the cache first when needed. */
    Path folder(PrintWriter err) throws IOException {
        return new ModelStore(ModelStore.defaultCacheDir(), HubDownloader.fromEnvironment())
                .resolve(model, revision, LmCliProgress.to(err));
    }

    LmRuntime runtime() {
        return LmRuntime.parse(device, dtype);
    }

    CausalLm load(PrintWriter err) throws IOException {
        return CausalLm.load(folder(err), runtime());
    }

    /** Progress as a percentage line on stderr, at most every 5 %. */
    static final class LmCliProgress implements Progress {
        private final PrintWriter err;
        private long lastPercent = -5;

        private LmCliProgress(PrintWriter err) {
            this.err = err;
        }

        static Progress to(PrintWriter err) {
            return new LmCliProgress(err);
        }

        @Override
        public void update(String message, long done, long total) {
            long percent = total > 0 ? done * 100 / total : -1;
            if (percent >= lastPercent + 5 || percent == 100 && lastPercent != 100) {
                lastPercent = percent;
                err.println(message + " " + percent + "%");
                err.flush();
            }
        }

        @Override
        public boolean isCancelled() {
            return Thread.currentThread().isInterrupted();
        }
    }
}
