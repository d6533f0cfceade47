package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.cli.CliRun;
import org.qtastudio.lm.store.HubIds;

/** Issue 13 item 10: hub repository ids and revisions cannot lead a download outside the model cache. */
class HubIdTest {

    @TempDir
    Path dir;

    @Test
    void hostileRepoIdsAndRevisionsAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path cache = dir.resolve("cache");
        for (List<String> args : List.of(List.of(".."), List.of("/abs"), List.of("a/b/../../c"), List.of("../x"),
                List.of("org/name", "--revision", "../../../x"), List.of("org/name", "--revision", "/etc"),
                List.of("a--b/c"), List.of("org/na\u001bme"))) {
            List<String> all = new java.util.ArrayList<>(List.of("lm", "download", "--cache", cache.toString(),
                    "--endpoint", "http://127.0.0.1:9"));
            all.addAll(args);
            CliRun.Result r = Cli.run(all.toArray(String[]::new));
            assertEquals(1, r.code(), args + ": " + r.all());
            assertTrue(r.err().contains("not a hub"), r.err());
        }
        assertFalse(Files.exists(cache) && Files.list(cache).findAny().isPresent(), "nothing was written to the cache");
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void validIdsPass() {
        assertEquals("Qwen/Qwen2.5-0.5B-Instruct", HubIds.repo("Qwen/Qwen2.5-0.5B-Instruct"));
        assertEquals("gpt2", HubIds.repo("gpt2"));
        assertEquals("refs/pr/1", HubIds.revision("refs/pr/1"));
        assertEquals("0123456789abcdef0123456789abcdef01234567", HubIds.revision("0123456789abcdef0123456789abcdef01234567"));
        assertThrows(IllegalArgumentException.class, () -> HubIds.repo("a/b/c"));
        assertThrows(IllegalArgumentException.class, () -> HubIds.revision("main/../.."));
    }
}
