package org.qtastudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.serve.ServeFixtures;
import org.qtastudio.store.Workspace;

/** {@code serve}'s options as a user mistypes them: each refused with a message naming the option, before serving. */
class ServeCliTest {

    @TempDir
    static Path dir;
    static String workspace;

    @BeforeAll
    static void importCatalog() throws Exception {
        Path file = dir.resolve("serve.qta");
        try (Workspace w = Workspace.open(file)) {
            ServeFixtures.importMcpCatalog(w, dir);
        }
        workspace = file.toString();
    }

    private static void refused(String message, String... args) {
        CliRun.Result r = CliRun.run(args);
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("error: " + message), r.err());
    }

    @Test
    void rewriterOptionsNeedAnAlignmentRun() {
        refused("--latency-budget limits how long a request waits for the aligned rewriter; give --align-run RUN too",
                "serve", "http", "-w", workspace, "--latency-budget", "200");
        refused("--rewrite-use says how an aligned rewriter's rewrite is used; give --align-run RUN too",
                "serve", "http", "-w", workspace, "--rewrite-use", "fusion");
        refused("--latency-budget must be at least 1 ms, got 0", "serve", "http", "-w", workspace, "--align-run", "1", "--latency-budget", "0");
    }

    @Test
    void anUnknownCatalogRunOrPortIsRefused() {
        refused("no catalog named 'nope'", "serve", "http", "-w", workspace, "-c", "nope");
        refused("no alignment run 7 in ", "serve", "http", "-w", workspace, "--align-run", "7");
        refused("--port must be between 0 (any free port) and 65535, got 70000", "serve", "http", "-w", workspace, "--port", "70000");
    }

    private static org.qtastudio.serve.ServeConfig parsed(String... args) {
        ServeHttpCommand command = new ServeHttpCommand();
        new picocli.CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        try (Workspace w = command.serve.openWorkspace()) {
            return command.serve.config(w);
        }
    }

    @Test
    void theQueryLogIsOffUnlessAskedFor() {
        org.qtastudio.serve.ServeConfig plain = parsed("-w", workspace);
        assertEquals(false, plain.logQueries());
        assertEquals(ServeFixtures.CATALOG, plain.catalog(), "the only catalog, when --catalog is left out");
        assertEquals(null, plain.alignRun());
        assertEquals(true, parsed("-w", workspace, "--log-queries").logQueries());
        org.qtastudio.serve.ServeConfig rewritten = parsed("-w", workspace, "--align-run", "4", "--rewrite-use", "fusion",
                "--latency-budget", "150", "--retriever", "bm25-paper");
        assertEquals(new org.qtastudio.serve.ServeConfig(ServeFixtures.CATALOG, org.qtastudio.retrieval.RetrieverSpec.PaperBm25.defaults(), 4L,
                org.qtastudio.serve.ServeConfig.RewriteUse.fusion, java.time.Duration.ofMillis(150), false), rewritten);
    }

    @Test
    void serveListsItsFrontEnds() {
        CliRun.Result r = CliRun.run("serve", "--help");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("http"), r.out());
        CliRun.Result http = CliRun.run("serve", "http", "--help");
        for (String option : new String[] {"--catalog", "--retriever", "--align-run", "--rewrite-use", "--latency-budget", "--log-queries",
                "--host", "--port", "--workspace"}) {
            assertTrue(http.out().contains(option), option + " in\n" + http.out());
        }
    }
}
