package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.cli.CliRun;

/** Issue 13 item 19: a JSON object with a key given twice is refused with its location, not silently half-read. */
class DuplicateKeyTest {

    @TempDir
    Path dir;

    @Test
    void importRefusesDuplicateKeysAndSaysWhere() throws Exception {
        Path f = dir.resolve("tools.json");
        Files.writeString(f, "[{\"type\":\"function\",\"function\":{\"name\":\"a\",\n\"description\":\"first\",\"description\":\"second\","
                + "\"parameters\":{}}}]");
        CliRun.Result r = Cli.run("import", "-w", dir.resolve("w.qta").toString(), "-c", "c", f.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("description") && r.err().toLowerCase().contains("duplicate"), r.err());
        assertTrue(r.err().contains("tools.json:2:"), "the file and line are given: " + r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("error:")).count(), r.err());
        assertEquals(0, Cli.stackFrames(r.all()).size(), r.all());
    }
}
