package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.cli.CliRun;
import org.qtastudio.lm.safetensors.SafetensorsException;
import org.qtastudio.lm.safetensors.SafetensorsFile;
import org.qtastudio.lm.safetensors.SafetensorsWriter;
import org.qtastudio.lm.safetensors.WeightFolder;

/**
 * Issue 13 item 11: a model folder's shard index cannot make the application open files outside the folder, and a
 * safetensors header whose tensors overlap, run past the file or overflow is refused naming file and tensor.
 */
class HostileWeightsTest {

    @TempDir
    Path dir;

    @Test
    void shardPathsLeadingOutOfTheFolderAreRefused() throws IOException {
        Path secret = dir.resolve("secret.safetensors");
        SafetensorsWriter.write(secret, Map.of("w", new long[] {1}), n -> new float[] {1}, Map.of());
        Path model = Files.createDirectories(dir.resolve("models").resolve("m"));
        for (String shard : List.of(secret.toString(), "../../secret.safetensors", "sub/../../../secret.safetensors",
                "/etc/passwd", "config.json")) {
            writeIndex(model, shard);
            SafetensorsException e = assertThrows(SafetensorsException.class, () -> WeightFolder.open(model), shard);
            assertTrue(e.getMessage().contains("model.safetensors.index.json") && e.getMessage().contains("'w'")
                    && e.getMessage().contains("inside the model folder"), e.getMessage());
        }
    }

    @Test
    void aShardThatIsALinkOutOfTheFolderIsRefused() throws IOException {
        Path secret = dir.resolve("secret.safetensors");
        SafetensorsWriter.write(secret, Map.of("w", new long[] {1}), n -> new float[] {1}, Map.of());
        Path model = Files.createDirectories(dir.resolve("m"));
        Files.createSymbolicLink(model.resolve("model-1.safetensors"), secret);
        writeIndex(model, "model-1.safetensors");
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> WeightFolder.open(model));
        assertTrue(e.getMessage().contains("leads outside the model folder"), e.getMessage());
        Files.delete(model.resolve("model.safetensors.index.json"));
        e = assertThrows(SafetensorsException.class, () -> WeightFolder.open(model), "without an index too");
        assertTrue(e.getMessage().contains("leads outside the model folder"), e.getMessage());
    }

    @Test
    void aHuggingFaceCacheSnapshotStillOpens() throws IOException {
        Path repo = dir.resolve("models--org--m");
        Path blob = Files.createDirectories(repo.resolve("blobs")).resolve("0123abcd");
        SafetensorsWriter.write(blob, Map.of("w", new long[] {2}), n -> new float[] {1, 2}, Map.of());
        Path snapshot = Files.createDirectories(repo.resolve("snapshots").resolve("rev1"));
        Files.createSymbolicLink(snapshot.resolve("model.safetensors"), Path.of("../../blobs/0123abcd"));
        try (WeightFolder w = WeightFolder.open(snapshot)) {
            assertEquals(2f, w.readFloats("w")[1]);
        }
    }

    @Test
    void overlappingTensorsAreRefusedNamingBoth() throws IOException {
        Path f = safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 16);
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("'a'")
                && e.getMessage().contains("'b'") && e.getMessage().contains("overlaps"), e.getMessage());
    }

    @Test
    void offsetsOutsideTheFileOrShapesThatOverflowAreRefused() throws IOException {
        for (String entry : List.of(
                "{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}",
                "{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[-16,0]}",
                "{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}",
                "{\"dtype\":\"F32\",\"shape\":[-2,-2],\"data_offsets\":[0,16]}",
                "{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[16,0]}",
                "{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[\"0\",\"16\"]}")) {
            Path f = safetensors("{\"t\":" + entry + "}", 16);
            SafetensorsException e = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(f), entry);
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("'t'"), e.getMessage());
        }
    }

    @Test
    void theCommandLineSaysItInOneLine() throws IOException {
        Path model = Files.createDirectories(dir.resolve("m"));
        Files.writeString(model.resolve("config.json"), "{}");
        writeIndex(model, "/etc/passwd");
        CliRun.Result r = Cli.run("lm", "info", "--model", model.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("inside the model folder"), r.err());
        assertEquals(List.of(), Cli.stackFrames(r.all()));
    }

    private static void writeIndex(Path model, String shard) throws IOException {
        Files.writeString(model.resolve("model.safetensors.index.json"),
                "{\"weight_map\":{\"w\":\"" + shard.replace("\\", "\\\\") + "\"}}");
    }

    private Path safetensors(String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        Path f = dir.resolve("t" + System.nanoTime() + ".safetensors");
        Files.write(f, b.array());
        return f;
    }
}
