package org.qtastudio.bench.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.cli.CliRun;
import org.qtastudio.lm.model.RandomModelWriter;

/** {@code bench dpo-peak} on a tiny random model: one RESULT line whose peaks and plan figures are measured, not zero. */
class DpoPeakBenchmarkTest {

    private static final Pattern RESULT = Pattern.compile("RESULT pairs 2 prompt 8 new 4 ckpt true: load HWM (\\d+) MiB; "
            + "ref: rss0 (\\d+) peak (\\d+) \\(\\+-?\\d+\\) plan (\\d+); train: rss1 (\\d+) peak (\\d+) \\(\\+-?\\d+\\) plan (\\d+) "
            + "\\(\\{.+}\\); step [0-9.]+ s");

    @TempDir
    Path dir;

    @Test
    void printsTheMeasuredPeaksBesideThePlan() throws Exception {
        Path tokenizer = Path.of("..", "shared", "fixtures", "tokenizers", "qwen3");
        Assumptions.assumeTrue(Files.isDirectory(tokenizer), "../shared absent");
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "VmHWM is Linux's");
        Path model = RandomModelWriter.tinyQwen3(tokenizer, dir.resolve("tiny"));
        CliRun.Result r = CliRun.run("bench", "dpo-peak", "--model", model.toString(), "--pairs", "2", "--prompt-tokens", "8",
                "--new-tokens", "4", "--checkpointing", "true");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("cores visible to the JVM"), r.out());
        Matcher m = RESULT.matcher(r.out());
        assertTrue(m.find(), r.out());
        for (int group = 1; group <= m.groupCount(); group++) {
            assertTrue(Long.parseLong(m.group(group)) > 0, "figure " + group + " in " + m.group());
        }
    }
}
