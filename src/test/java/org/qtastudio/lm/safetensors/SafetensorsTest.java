package org.qtastudio.lm.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.LmRuntime;
import org.qtastudio.lm.model.ModelConfigException;

class SafetensorsTest {

    @TempDir
    Path tmp;

    @Test
    void writerAndReaderRoundTripF32() throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("a", new long[] {2, 3});
        shapes.put("b", new long[] {1});
        Map<String, float[]> data = Map.of("a", new float[] {1, -2, 3.5f, 0, 1e-8f, -7}, "b", new float[] {42});
        Path f = tmp.resolve("x.safetensors");
        SafetensorsWriter.write(f, shapes, data::get, Map.of("format", "pt"));
        try (SafetensorsFile r = SafetensorsFile.open(f)) {
            assertEquals("pt", r.metadata().get("format"));
            assertArrayEquals(new long[] {2, 3}, r.tensors().get("a").shape());
            assertArrayEquals(data.get("a"), r.readFloats("a"));
            assertArrayEquals(data.get("b"), r.readFloats("b"));
        }
    }

    @Test
    void readsIntoAByteBufferAcrossChunksInEitherByteOrder() throws IOException {
        int n = 700_000; // 2.8 MB: three 1 MiB read chunks
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) Math.sin(i) * i;
        }
        Path f = tmp.resolve("big.safetensors");
        SafetensorsWriter.write(f, Map.of("w", new long[] {n}), name -> values, Map.of());
        try (SafetensorsFile r = SafetensorsFile.open(f)) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                ByteBuffer target = ByteBuffer.allocateDirect(8 + n * Float.BYTES).order(order);
                target.putFloat(-1f);
                r.readFloats("w", target);
                assertEquals(4 + n * Float.BYTES, target.position(), "advanced past the tensor");
                float[] back = new float[n];
                target.position(4);
                target.asFloatBuffer().get(back);
                assertArrayEquals(values, back, order.toString());
                assertEquals(-1f, target.getFloat(0), "what was before the tensor is left alone");
            }
            ByteBuffer small = ByteBuffer.allocateDirect(n * Float.BYTES - 4).order(ByteOrder.LITTLE_ENDIAN);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.readFloats("w", small));
            assertTrue(e.getMessage().contains("'w'"), e.getMessage());
        }
    }

    @Test
    void widensBf16AndF16ToF32() throws IOException {
        // 1.5 and -2.0: BF16 0x3FC0, 0xC000; F16 0x3E00, 0xC000
        String header = "{\"h\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"f\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[4,8]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        b.putShort((short) 0x3FC0).putShort((short) 0xC000).putShort((short) 0x3E00).putShort((short) 0xC000);
        Path f = tmp.resolve("half.safetensors");
        Files.write(f, b.array());
        try (SafetensorsFile r = SafetensorsFile.open(f)) {
            assertArrayEquals(new float[] {1.5f, -2f}, r.readFloats("h"));
            assertArrayEquals(new float[] {1.5f, -2f}, r.readFloats("f"));
            ByteBuffer target = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            r.readFloats("h", target);
            r.readFloats("f", target);
            assertArrayEquals(new float[] {1.5f, -2f, 1.5f, -2f}, new float[] {target.getFloat(0), target.getFloat(4),
                    target.getFloat(8), target.getFloat(12)}, "widened into a byte buffer");
        }
    }

    @Test
    void readsShardsListedByTheIndex() throws IOException {
        SafetensorsWriter.write(tmp.resolve("s1.safetensors"), Map.of("x", new long[] {1}), n -> new float[] {1},
                Map.of());
        SafetensorsWriter.write(tmp.resolve("s2.safetensors"), Map.of("y", new long[] {1}), n -> new float[] {2},
                Map.of());
        Files.writeString(tmp.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"x\": \"s1.safetensors\", \"y\": \"s2.safetensors\"}}");
        try (WeightFolder w = WeightFolder.open(tmp)) {
            assertArrayEquals(new float[] {2}, w.readFloats("y"));
            assertArrayEquals(new float[] {1}, w.readFloats("x"));
        }
    }

    @Test
    void refusesPickleOnlyFoldersAndExplainsWhy() throws IOException {
        Files.writeString(tmp.resolve("pytorch_model.bin"), "not loaded");
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> WeightFolder.open(tmp));
        assertTrue(e.getMessage().contains("pytorch_model.bin") && e.getMessage().contains("arbitrary code")
                && e.getMessage().contains("safe_serialization=True"), e.getMessage());
    }

    @Test
    void refusesUnsupportedArchitecturesNamingTheSupportedOnes() throws IOException {
        Files.writeString(tmp.resolve("config.json"), "{\"architectures\": [\"GPT2LMHeadModel\"]}");
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> CausalLm.load(tmp, LmRuntime.cpu()));
        assertTrue(e.getMessage().contains("GPT2LMHeadModel") && e.getMessage().contains("LlamaForCausalLM")
                && e.getMessage().contains("Qwen3ForCausalLM"), e.getMessage());
    }

    @Test
    void refusesTruncatedFiles() throws IOException {
        Path f = tmp.resolve("bad.safetensors");
        Files.write(f, new byte[] {(byte) 200, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(f));
        assertTrue(e.getMessage().contains("bad.safetensors"), e.getMessage());
    }
}
