package org.qtastudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.lm.LmFixtures;
import picocli.CommandLine;

class LmCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run lm(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new LmCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void generateAndScoreOnAFixtureMatchGolden() {
        String model = LmFixtures.lmModel("llama-tiny").toString();
        Run gen = lm("generate", "--model", model, "--device", "cpu", "--prompt-ids", "1,30,31,32,33",
                "--max-new-tokens", "12");
        assertEquals(0, gen.exit(), gen.err());
        assertEquals("ids: 43,82,2", gen.out().strip(), "greedy ids, the ending EOS included");
        Run score = lm("score", "--model", model, "--device", "cpu", "--prompt-ids", "1,30,31,32,33",
                "--completion-ids", "40,41,42,2");
        assertEquals(0, score.exit(), score.err());
        assertTrue(score.out().startsWith("logprob: "), score.out());
        assertEquals(-40.70956, Double.parseDouble(score.out().substring("logprob: ".length()).strip()), 1e-3);
    }

    @Test
    void initRandomAroundTheQwen3TokenizerThenInfoAndChatGeneration(@TempDir Path tmp) {
        Path out = tmp.resolve("qwen3-random");
        Run init = lm("init-random", "--tokenizer", LmFixtures.qwen3Tokenizer().toString(), "--out", out.toString(),
                "--architecture", "qwen3", "--hidden-size", "32", "--layers", "2", "--heads", "4", "--kv-heads", "2",
                "--head-dim", "16", "--intermediate-size", "64", "--seed", "1");
        assertEquals(0, init.exit(), init.err());
        assertTrue(init.out().contains("meaningless text"), init.out());

        Run info = lm("info", "--model", out.toString(), "--device", "cpu");
        assertEquals(0, info.exit(), info.err());
        for (String expected : List.of("Qwen3ForCausalLM", "parameters:", "dtype:        float32", "device:       cpu",
                "stored dtype: F32")) {
            assertTrue(info.out().contains(expected), expected + " in\n" + info.out());
        }

        String[] sample = {"generate", "--model", out.toString(), "--device", "cpu", "--prompt", "Find movies like "
                + "The Last Of Us", "--chat", "--max-new-tokens", "4", "--temperature", "1", "--top-p", "0.9",
                "--top-k", "50", "--seed", "3", "--samples", "2"};
        Run gen = lm(sample);
        assertEquals(0, gen.exit(), gen.err());
        List<String> idLines = gen.out().lines().filter(l -> l.startsWith("ids: ")).toList();
        assertEquals(2, idLines.size(), gen.out());
        for (String l : idLines) {
            int n = l.substring(5).split(",").length;
            assertTrue(n >= 1 && n <= 4, l);
        }
        assertEquals(gen.out(), lm(sample).out(), "same seed, same samples");
    }

    @Test
    void everyCommandHasHelpAndBadInputIsAUsageError() {
        for (String cmd : List.of("info", "generate", "score", "download", "init-random", "bench")) {
            Run help = lm(cmd, "--help");
            assertEquals(0, help.exit(), cmd);
            assertTrue(help.out().contains("Usage:"), cmd + ": " + help.out());
        }
        Run both = lm("generate", "--model", "x", "--prompt", "a", "--prompt-ids", "1");
        assertEquals(2, both.exit(), "--prompt and --prompt-ids are exclusive");
    }
}
