package org.qtastudio.lm.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one {@code *.safetensors} file: the JSON header eagerly, tensor data memory-mapped on demand and
 * widened to F32. Our own reader because DJL's {@code NDList.decode} aborts on BF16.
 */
public final class SafetensorsFile implements AutoCloseable {

    private static final long MAX_HEADER = 100L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart, Map<String, TensorInfo> tensors,
            Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Opens a file and parses its header; the data stays on disk until a tensor is read. */
    public static SafetensorsFile open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size < 8) {
                throw new SafetensorsException(path + ": too short for a safetensors file (" + size + " bytes)");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw new SafetensorsException(path + ": header length " + headerLen + " is not plausible for a "
                        + size + "-byte file; is this a safetensors file?");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(ch, header, 8);
            JsonNode root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLen;
            Map<String, TensorInfo> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                if (e.getKey().equals("__metadata__")) {
                    e.getValue().properties().forEach(m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                tensors.put(e.getKey(), parseEntry(path, e.getKey(), e.getValue(), size - dataStart));
            }
            refuseOverlaps(path, tensors.values());
            return new SafetensorsFile(path, ch, dataStart, Collections.unmodifiableMap(tensors),
                    Collections.unmodifiableMap(metadata));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static TensorInfo parseEntry(Path path, String name, JsonNode node, long dataSize) {
        StoredType dtype = StoredType.parse(node.path("dtype").asText(), name, path);
        JsonNode shapeNode = node.path("shape");
        long[] shape = new long[shapeNode.size()];
        long bytes = dtype.bytes();
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            shape[i] = d.canConvertToLong() && d.isIntegralNumber() ? d.asLong() : -1;
            if (shape[i] < 0) {
                throw new SafetensorsException(path + ": tensor '" + name + "' has shape " + shapeNode
                        + "; dimensions must be whole numbers from 0");
            }
            try {
                bytes = Math.multiplyExact(bytes, shape[i]);
            } catch (ArithmeticException overflow) {
                throw new SafetensorsException(path + ": tensor '" + name + "' has shape " + shapeNode
                        + ", too large for any file");
            }
        }
        JsonNode offs = node.path("data_offsets");
        long begin = offs.path(0).isIntegralNumber() ? offs.path(0).asLong() : -1;
        long end = offs.path(1).isIntegralNumber() ? offs.path(1).asLong() : -1;
        TensorInfo info = new TensorInfo(name, dtype, shape, begin, end);
        if (offs.size() != 2 || begin < 0 || end < begin || end > dataSize || end - begin != bytes) {
            throw new SafetensorsException(path + ": tensor '" + name + "' has data_offsets [" + begin + ", " + end
                    + "] that do not fit its shape/dtype or the file");
        }
        return info;
    }

    /** Two tensors sharing bytes would let a crafted file alias one weight onto another. */
    private static void refuseOverlaps(Path path, Collection<TensorInfo> tensors) {
        List<TensorInfo> byBegin = tensors.stream().filter(t -> t.end() > t.begin())
                .sorted(Comparator.comparingLong(TensorInfo::begin)).toList();
        for (int i = 1; i < byBegin.size(); i++) {
            TensorInfo before = byBegin.get(i - 1);
            TensorInfo t = byBegin.get(i);
            if (t.begin() < before.end()) {
                throw new SafetensorsException(path + ": tensor '" + t.name() + "' (bytes " + t.begin() + "-"
                        + t.end() + ") overlaps tensor '" + before.name() + "' (bytes " + before.begin() + "-"
                        + before.end() + "); the file is damaged or crafted");
            }
        }
    }

    /** Bytes read at a time: a multiple of every element width. */
    private static final int READ_CHUNK_BYTES = 1 << 20;

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }

    public Path path() {
        return path;
    }

    /** Tensors in header order. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** The {@code __metadata__} string map (empty when absent). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The tensor's values widened to F32, row-major. */
    public float[] readFloats(String name) throws IOException {
        long count = info(name).elementCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new SafetensorsException(path + ": tensor '" + name + "' has " + count
                    + " elements, more than one Java array holds");
        }
        float[] out = new float[(int) count];
        readFloats(name, FloatBuffer.wrap(out));
        return out;
    }

    /**
     * Writes the tensor's values, widened to F32 and row-major, into {@code target} from its position on. Read in
     * chunks, not mapped: a direct target keeps the tensor off the Java heap (whose growth the collector hands back
     * late if ever), and mapped file pages count in the resident set until the collector unmaps them.
     */
    public void readFloats(String name, FloatBuffer target) throws IOException {
        TensorInfo info = info(name);
        long count = info.elementCount();
        if (target.remaining() < count) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + count + " elements, the buffer room for "
                    + target.remaining());
        }
        ByteBuffer chunk = ByteBuffer.allocate(READ_CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long pos = dataStart + info.begin();
        long end = dataStart + info.end();
        while (pos < end) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), end - pos));
            readFully(channel, chunk, pos);
            pos += chunk.limit();
            chunk.flip();
            switch (info.dtype()) {
                case F32 -> target.put(chunk.asFloatBuffer());
                case BF16 -> {
                    while (chunk.hasRemaining()) {
                        target.put(Float.intBitsToFloat((chunk.getShort() & 0xffff) << 16));
                    }
                }
                case F16 -> {
                    while (chunk.hasRemaining()) {
                        target.put(Float.float16ToFloat(chunk.getShort()));
                    }
                }
            }
        }
    }

    /**
     * Writes the tensor's values as float32 into {@code target}'s bytes from its position on, in the target's byte
     * order, and advances its position. A float32 tensor read into a little-endian buffer goes straight from the file,
     * through no Java array at all.
     */
    public void readFloats(String name, ByteBuffer target) throws IOException {
        TensorInfo info = info(name);
        long bytes = info.elementCount() * Float.BYTES;
        if (target.remaining() < bytes) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + info.elementCount()
                    + " elements, the buffer room for " + target.remaining() / Float.BYTES);
        }
        if (info.dtype() == StoredType.F32 && target.order() == ByteOrder.LITTLE_ENDIAN) {
            ByteBuffer slice = target.slice(target.position(), (int) bytes);
            readFully(channel, slice, dataStart + info.begin());
        } else {
            readFloats(name, target.slice(target.position(), (int) bytes).order(target.order()).asFloatBuffer());
        }
        target.position(target.position() + (int) bytes);
    }

    private TensorInfo info(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new SafetensorsException(path + ": no tensor named '" + name + "'");
        }
        return info;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
