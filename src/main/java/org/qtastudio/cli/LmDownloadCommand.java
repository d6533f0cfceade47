package org.qtastudio.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.qtastudio.lm.store.HubDownloader;
import org.qtastudio.lm.store.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lm download}: fetch a hub model into the cache (resumable, checksum-verified). */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Download a model from the Hugging Face hub into the model cache and print its folder. "
                + "Interrupted downloads resume; files whose SHA-256 differs from the hub's are refused.")
public final class LmDownloadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REPO_ID", description = "e.g. Qwen/Qwen2.5-0.5B-Instruct")
    String repo;

    @Option(names = "--revision", defaultValue = "main", description = "Branch, tag or commit (default: ${DEFAULT-VALUE}).")
    String revision;

    @Option(names = "--cache", paramLabel = "DIR", description = "Cache folder (default: $QTA_MODEL_CACHE or "
            + "~/.cache/qta-studio/models).")
    Path cache;

    @Option(names = "--endpoint", paramLabel = "URL", description = "Hub endpoint (default: $HF_ENDPOINT or "
            + "https://huggingface.co).")
    URI endpoint;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "The longest the hub may "
            + "stay silent (to connect, to answer, between two reads) before the try fails; the partial file is kept "
            + "for the next try (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second, not " + timeoutSeconds);
        }
        HubDownloader hub = new HubDownloader(endpoint == null ? HubDownloader.environmentEndpoint() : endpoint,
                System.getenv("HF_TOKEN"), 5, Duration.ofSeconds(timeoutSeconds));
        ModelStore store = new ModelStore(cache == null ? ModelStore.defaultCacheDir() : cache, hub);
        Path dir = store.download(repo, revision, LmModelOptions.LmCliProgress.to(spec.commandLine().getErr()));
        spec.commandLine().getOut().println(dir);
        return 0;
    }
}
