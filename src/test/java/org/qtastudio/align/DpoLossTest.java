package org.qtastudio.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qtastudio.common.Json;

/** DPO loss and rewards against the values an independent implementation wrote into the LM fixtures. */
class DpoLossTest {

    private static final Path FIXTURES = Path.of("..", "shared", "fixtures", "lm");

    static Stream<String> fixtures() {
        return Stream.of("llama-tiny", "qwen2-tiny-bf16", "llama3-rope-tiny", "qwen3-tiny");
    }

    private static JsonNode dpo(String fixture) throws IOException {
        Path golden = FIXTURES.resolve(fixture).resolve("golden.json");
        Assumptions.assumeTrue(Files.exists(golden), "reference fixtures absent: " + golden.toAbsolutePath());
        return Json.MAPPER.readTree(golden.toFile()).get("dpo");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void scalarLossAndRewardsMatchGolden(String fixture) throws IOException {
        JsonNode d = dpo(fixture);
        DpoLoss.PairStats s = DpoLoss.of(d.get("policy_chosen_logprob").asDouble(), d.get("policy_rejected_logprob").asDouble(),
                d.get("reference_chosen_logprob").asDouble(), d.get("reference_rejected_logprob").asDouble(), d.get("beta").asDouble());
        assertEquals(d.get("loss").asDouble(), s.loss(), 1e-5);
        assertEquals(d.get("chosen_reward").asDouble(), s.chosenReward(), 1e-5);
        assertEquals(d.get("rejected_reward").asDouble(), s.rejectedReward(), 1e-5);
        assertEquals(d.get("margin").asDouble(), s.margin(), 1e-5);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void tensorLossMatchesGolden(String fixture) throws IOException {
        JsonNode d = dpo(fixture);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray loss = DpoLoss.losses(
                    m.create(new double[] {d.get("policy_chosen_logprob").asDouble()}),
                    m.create(new double[] {d.get("policy_rejected_logprob").asDouble()}),
                    m.create(new double[] {d.get("reference_chosen_logprob").asDouble()}),
                    m.create(new double[] {d.get("reference_rejected_logprob").asDouble()}),
                    d.get("beta").asDouble());
            assertEquals(d.get("loss").asDouble(), loss.toType(DataType.FLOAT64, false).toDoubleArray()[0], 1e-5);
        }
    }

    @Test
    void softplusIsStableAtTheExtremes() {
        assertEquals(1000.0, DpoLoss.softplus(1000), 1e-9);
        assertEquals(Math.exp(-1000), DpoLoss.softplus(-1000), 1e-300);
        assertEquals(Math.log(2), DpoLoss.softplus(0), 1e-15);
        DpoLoss.PairStats confident = DpoLoss.of(0, -1e4, 0, 0, 0.1);
        assertEquals(0.0, confident.loss(), 1e-12);
        assertEquals(1.0, confident.accuracy());
    }
}
