package org.qtastudio.reliability;

import java.nio.file.Path;
import java.sql.Statement;
import org.qtastudio.store.Workspace;

/** A second process for the concurrency tests: holds the workspace's write lock for a while, then commits. */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        Path ws = Path.of(args[0]);
        long millis = Long.parseLong(args[1]);
        try (Workspace w = Workspace.open(ws)) {
            w.write(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("UPDATE catalog SET created_at = created_at");
                }
                System.out.println("LOCKED");
                System.out.flush();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
        }
        System.out.println("RELEASED");
    }

    /** Starts a child JVM running this class. */
    static Process start(Path ws, long millis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                ws.toString(), Long.toString(millis)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Waits until the child says it holds the lock. */
    static void awaitLocked(Process p) throws Exception {
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
        long deadline = System.currentTimeMillis() + 60_000;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("LOCKED")) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                break;
            }
        }
        throw new IllegalStateException("the lock holder did not start");
    }
}
