package org.qtastudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Background work runs at a lower priority than the FX thread, and so do the native threads it starts. */
class BackgroundThreadsTest {

    @Test
    void aBackgroundThreadAndTheThreadsItStartsRunNicerThanTheCaller() throws Exception {
        assumeTrue(Platform.isLinux(), "nice values are per thread on Linux only");
        int caller = ownNice();
        int expected = Math.max(caller, BackgroundThreads.NICE);
        CompletableFuture<int[]> seen = new CompletableFuture<>();
        Thread t = new BackgroundThreads("test").newThread(() -> {
            try {
                int own = ownNice();
                // a thread started by a background thread, as PyTorch and ONNX Runtime start their pools
                int[] child = new int[1];
                Thread c = new Thread(() -> child[0] = niceOrFail());
                c.start();
                c.join();
                seen.complete(new int[] {own, child[0]});
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        });
        t.start();
        int[] nice = seen.get(30, TimeUnit.SECONDS);
        assertEquals(expected, nice[0], "the background thread");
        assertEquals(expected, nice[1], "a thread it started");
        assertEquals(caller, ownNice(), "the calling thread keeps its priority");
    }

    /** The calling thread's nice value: field 19 of /proc/thread-self/stat (after the parenthesised name). */
    private static int ownNice() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]); // fields from the state (3rd) on: nice is the 19th
    }

    private static int niceOrFail() {
        try {
            return ownNice();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
