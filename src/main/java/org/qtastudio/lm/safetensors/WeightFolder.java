package org.qtastudio.lm.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The weights of a Hugging Face model folder: one {@code model.safetensors}, or several shards listed by
 * {@code model.safetensors.index.json}, or any {@code *.safetensors} files present. Pickle checkpoints are
 * refused: loading them means running arbitrary Python code, which this Java application will not do.
 */
public final class WeightFolder implements AutoCloseable {

    private static final String INDEX = "model.safetensors.index.json";

    private final Path dir;
    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> byTensor;

    private WeightFolder(Path dir, List<SafetensorsFile> files) {
        this.dir = dir;
        this.files = files;
        this.byTensor = new LinkedHashMap<>();
        for (SafetensorsFile f : files) {
            for (String name : f.tensors().keySet()) {
                if (byTensor.putIfAbsent(name, f) != null) {
                    throw new SafetensorsException(dir + ": tensor '" + name + "' appears in both "
                            + byTensor.get(name).path().getFileName() + " and " + f.path().getFileName());
                }
            }
        }
    }

    /** Opens every safetensors file of the folder (headers only). */
    public static WeightFolder open(Path dir) throws IOException {
        List<Path> paths = shardPaths(dir);
        List<SafetensorsFile> files = new ArrayList<>();
        try {
            for (Path p : paths) {
                files.add(SafetensorsFile.open(p));
            }
            return new WeightFolder(dir, files);
        } catch (IOException | RuntimeException e) {
            for (SafetensorsFile f : files) {
                f.close();
            }
            throw e;
        }
    }

    private static List<Path> shardPaths(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new SafetensorsException(dir + ": not a folder");
        }
        Path index = dir.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            JsonNode map = new ObjectMapper().readTree(index.toFile()).path("weight_map");
            if (!map.isObject() || map.isEmpty()) {
                throw new SafetensorsException(index + ": has no 'weight_map' object");
            }
            List<Path> shards = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : map.properties()) {
                Path p = shardInside(dir, index, e.getKey(), e.getValue().asText());
                if (!shards.contains(p)) {
                    shards.add(p);
                }
            }
            for (Path p : shards) {
                if (!Files.isRegularFile(p)) {
                    throw new SafetensorsException(index + ": lists shard " + p.getFileName() + ", which is missing");
                }
                confined(dir, p, index + ": shard " + dir.relativize(p));
            }
            return shards;
        }
        List<Path> found;
        List<Path> pickles;
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.sorted().toList();
            found = all.stream().filter(p -> p.getFileName().toString().endsWith(".safetensors")).toList();
            pickles = all.stream().filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".bin") || n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".ckpt");
            }).toList();
        }
        if (!found.isEmpty()) {
            for (Path p : found) {
                confined(dir, p, p.toString());
            }
            return found;
        }
        if (!pickles.isEmpty()) {
            throw new SafetensorsException(dir + ": has only pickle weights (" + pickles.get(0).getFileName()
                    + (pickles.size() > 1 ? " and " + (pickles.size() - 1) + " more" : "") + "). Pickle files can"
                    + " run arbitrary code when loaded and are not read here. Convert them to safetensors (e.g. in"
                    + " Python: AutoModelForCausalLM.from_pretrained(dir).save_pretrained(out,"
                    + " safe_serialization=True)) or download the model's safetensors revision.");
        }
        throw new SafetensorsException(dir + ": no *.safetensors weights found");
    }

    /**
     * The shard an index entry names, refused unless it is a relative path below the folder: an index must not
     * make the application open {@code /etc/passwd} or {@code ../../secret}.
     */
    private static Path shardInside(Path dir, Path index, String tensor, String shard) {
        Path rel;
        try {
            rel = Path.of(shard);
        } catch (InvalidPathException e) {
            rel = null;
        }
        if (shard.isEmpty() || rel == null || rel.isAbsolute() || rel.getRoot() != null
                || !rel.normalize().equals(rel) || rel.startsWith("..") || !shard.endsWith(".safetensors")) {
            throw new SafetensorsException(index + ": tensor '" + tensor + "' is mapped to shard '" + shard
                    + "'; shards must be .safetensors files inside the model folder (a relative name without '..')");
        }
        return dir.resolve(rel);
    }

    /**
     * Refuses a weight file that is a link leading out of the model folder. A Hugging Face cache snapshot
     * ({@code models--ORG--NAME/snapshots/REV/}) links its files into the repository's {@code blobs} folder, which
     * is allowed.
     */
    private static void confined(Path dir, Path file, String what) throws IOException {
        Path real = file.toRealPath();
        Path realDir = dir.toRealPath();
        if (real.startsWith(realDir)) {
            return;
        }
        Path snapshots = realDir.getParent();
        if (snapshots != null && snapshots.getFileName() != null && snapshots.getFileName().toString().equals("snapshots")
                && real.getParent() != null && real.getParent().equals(snapshots.resolveSibling("blobs"))) {
            return;
        }
        throw new SafetensorsException(what + " leads outside the model folder " + dir + " (to " + real
                + "); copy the weights into the folder instead of linking them");
    }

    public Path dir() {
        return dir;
    }

    /** All tensors by name. */
    public Map<String, TensorInfo> tensors() {
        Map<String, TensorInfo> all = new LinkedHashMap<>();
        byTensor.forEach((name, f) -> all.put(name, f.tensors().get(name)));
        return all;
    }

    public boolean contains(String name) {
        return byTensor.containsKey(name);
    }

    /** The tensor's values widened to F32. */
    public float[] readFloats(String name) throws IOException {
        return file(name).readFloats(name);
    }

    /** The tensor's values widened to F32 written into {@code target} ({@link SafetensorsFile#readFloats(String, FloatBuffer)}). */
    public void readFloats(String name, FloatBuffer target) throws IOException {
        file(name).readFloats(name, target);
    }

    /** The tensor's values as float32 written into {@code target} ({@link SafetensorsFile#readFloats(String, ByteBuffer)}). */
    public void readFloats(String name, ByteBuffer target) throws IOException {
        file(name).readFloats(name, target);
    }

    private SafetensorsFile file(String name) {
        SafetensorsFile f = byTensor.get(name);
        if (f == null) {
            throw new SafetensorsException(dir + ": the weights have no tensor '" + name + "'");
        }
        return f;
    }

    /** The tensor's shape. */
    public long[] shape(String name) {
        SafetensorsFile f = byTensor.get(name);
        if (f == null) {
            throw new SafetensorsException(dir + ": the weights have no tensor '" + name + "'");
        }
        return f.tensors().get(name).shape();
    }

    @Override
    public void close() throws IOException {
        for (SafetensorsFile f : files) {
            f.close();
        }
    }
}
