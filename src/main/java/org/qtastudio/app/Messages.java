package org.qtastudio.app;

import ai.djl.engine.EngineException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import org.qtastudio.catalog.importers.ImportException;
import org.qtastudio.common.CancelledException;
import org.qtastudio.lm.model.ModelConfigException;
import org.qtastudio.lm.safetensors.SafetensorsException;
import org.qtastudio.lm.store.ChecksumMismatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure into a sentence for the screen: what went wrong and, for the failures users meet (bad input,
 * an offline hub, an unusable model folder, a missing GPU engine, too little memory), what to do about it. Shared
 * by the screens so every one reports failures the same way. Other errors inside PyTorch are not one of these:
 * they are reported as unexpected, with their stack trace in the log. Stack traces go to the log only: at debug level for
 * the failures explained here, as a warning for unexpected ones.
 */
public final class Messages {

    private static final Logger LOG = LoggerFactory.getLogger(Messages.class);

    private Messages() {
    }

    public static String readable(String doing, Throwable error) {
        if (find(error, CancelledException.class) != null) {
            return doing + " cancelled.";
        }
        LOG.debug("{} failed", doing, error);
        if (error instanceof ImportException) {
            return doing + " failed: " + why(error) + ".";
        }
        Throwable offline = offlineCause(error);
        if (offline != null) {
            return doing + " failed: the Hugging Face hub cannot be reached (" + (offline.getMessage() == null ? "no connection"
                    : why(offline)) + "). Check the internet connection or proxy, enter a hub mirror under Hub, or choose a "
                    + "model folder that is already on disk.";
        }
        if (find(error, ChecksumMismatchException.class) instanceof ChecksumMismatchException e) {
            return doing + " failed: " + e.getMessage() + ". Download again; if it repeats, a proxy or the hub's copy is "
                    + "corrupting the file.";
        }
        Throwable model = find(error, ModelConfigException.class);
        if (model == null) {
            model = find(error, SafetensorsException.class);
        }
        if (model != null) {
            return "The model folder cannot be used: " + why(model) + ". Choose a Hugging Face model folder with "
                    + "config.json, *.safetensors weights and tokenizer.json.";
        }
        String cudaOom = org.qtastudio.lm.engine.CudaErrors.outOfMemory(error);
        if (cudaOom != null) {
            return doing + " failed: " + cudaOom + ".";
        }
        if (find(error, OutOfMemoryError.class) != null) {
            return doing + " ran out of memory. Choose a smaller model, fewer samples or a smaller batch size, or a "
                    + "device with more memory.";
        }
        Throwable engine = find(error, EngineException.class);
        if (find(error, UnsatisfiedLinkError.class) != null
                || engine != null && why(engine).toLowerCase(Locale.ROOT).contains("cuda")) {
            return doing + " could not start PyTorch on the chosen device (" + why(root(error)) + "). Choose device cpu, "
                    + "or install the CUDA build of PyTorch to use the GPU.";
        }
        if (error instanceof IllegalArgumentException) {
            return capitalized(why(error)) + ".";
        }
        LOG.warn("{} failed", doing, error);
        return doing + " failed: " + why(root(error)) + " (details are in the log).";
    }

    private static Throwable offlineCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof HttpConnectTimeoutException || t instanceof UnresolvedAddressException) {
                return t;
            }
        }
        return null;
    }

    private static Throwable find(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    /** The innermost cause that still says something. */
    private static Throwable root(Throwable error) {
        Throwable cause = error;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String why(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? "a " + t.getClass().getSimpleName() : m.strip().replaceAll("[.]$", "");
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
