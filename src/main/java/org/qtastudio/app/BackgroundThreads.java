package org.qtastudio.app;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for the window's background work, at a lower scheduling priority than the FX thread. Embedding, sampling
 * and training keep every core busy, and at equal priority the FX thread waited its turn: the window missed frames
 * for 100 to 300 ms at a time while the work ran (docs/gui-benchmark.md). On Linux each thread raises its own nice
 * value, which the native threads it starts (PyTorch's OpenMP and ONNX Runtime's pools) inherit; Java's thread
 * priority, which Linux ignores, does the same on Windows. An idle window still leaves the work every core.
 */
public final class BackgroundThreads implements ThreadFactory {

    /** The nice value of background threads on Linux: the FX thread (0) gets about ten times their share of a core. */
    static final int NICE = 10;
    private static final Function GET_PRIORITY = find("getpriority");
    private static final Function SET_PRIORITY = find("setpriority");

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    /** Threads named {@code prefix-1}, {@code prefix-2}, ...; daemons, so open work never keeps the JVM alive. */
    public BackgroundThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread t = new Thread(() -> {
            lowerOwnPriority();
            work.run();
        }, prefix + "-" + count.incrementAndGet());
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 2);
        return t;
    }

    /**
     * Raises the calling thread's nice value to {@link #NICE} on Linux (for this thread only; a thread already nicer,
     * as under {@code nice -n 19}, keeps its value); elsewhere nothing.
     */
    static void lowerOwnPriority() {
        if (GET_PRIORITY != null && SET_PRIORITY != null) {
            // PRIO_PROCESS with who 0 is the calling thread on Linux, whose nice value is per thread
            if (GET_PRIORITY.invokeInt(new Object[] {0, 0}) < NICE) {
                SET_PRIORITY.invokeInt(new Object[] {0, 0, NICE});
            }
        }
    }

    private static Function find(String name) {
        if (!Platform.isLinux()) {
            return null; // on macOS the same call would lower the whole process, the FX thread included
        }
        try {
            return NativeLibrary.getInstance("c").getFunction(name);
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }
}
