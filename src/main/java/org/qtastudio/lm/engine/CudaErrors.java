package org.qtastudio.lm.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises CUDA failures in PyTorch's exceptions and says what to do, in one line. */
public final class CudaErrors {

    private CudaErrors() {
    }

    /** A message for people when {@code error} (or a cause) is a CUDA out-of-memory error, else null. */
    public static String outOfMemory(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("CUDA out of memory") || m.contains("CUBLAS_STATUS_ALLOC_FAILED")
                    || m.contains("cudaErrorMemoryAllocation"))) {
                Matcher a = Pattern.compile("Tried to allocate ([0-9.]+ [KMG]iB)").matcher(m);
                Matcher f = Pattern.compile("([0-9.]+ [KMG]iB) is free").matcher(m);
                String detail = a.find() ? "it needed " + a.group(1) + " more" : "";
                if (f.find()) {
                    detail += (detail.isEmpty() ? "" : ", ") + f.group(1) + " was free";
                }
                return "the GPU ran out of memory" + (detail.isEmpty() ? "" : " (" + detail + ")")
                        + ". Use a smaller batch size or a shorter maximum length, bfloat16, or a smaller model; other "
                        + "programs on the GPU (nvidia-smi lists them) also take its memory";
            }
        }
        return null;
    }
}
