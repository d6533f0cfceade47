package org.qtastudio.lm.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a safetensors file of F32 tensors, streaming one tensor at a time so that exporting a merged model
 * never needs all weights in Java memory at once. Writes to a temporary file and moves it into place, so a
 * failed export leaves no half-written file under the final name.
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {
    }

    /**
     * @param file destination
     * @param shapes tensor names to shapes, in the order to write them
     * @param data supplies each tensor's row-major values (asked once per tensor, in order)
     * @param metadata the {@code __metadata__} map, e.g. {@code format=pt}
     */
    public static void write(Path file, Map<String, long[]> shapes, Function<String, float[]> data,
            Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long count = 1;
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", StoredType.F32.name());
            var shape = t.putArray("shape");
            for (long d : e.getValue()) {
                shape.add(d);
                count *= d;
            }
            t.putArray("data_offsets").add(offset).add(offset + count * 4);
            offset += count * 4;
        }
        byte[] json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, head.flip());
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                float[] values = data.apply(e.getKey());
                long expected = 1;
                for (long d : e.getValue()) {
                    expected *= d;
                }
                if (values.length != expected) {
                    throw new SafetensorsException(file + ": tensor '" + e.getKey() + "' has " + values.length
                            + " values but its shape holds " + expected);
                }
                ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(values);
                writeFully(ch, buf);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
