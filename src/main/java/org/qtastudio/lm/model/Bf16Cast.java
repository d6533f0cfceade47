package org.qtastudio.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Casts to bfloat16 through a one-line TorchScript module, because DJL 0.36 cannot name that type to PyTorch: its
 * JNI maps DJL's data types to PyTorch's with a switch that knows ordinals 0 to 8 only, and answers any other
 * (BFLOAT16 is 11) with a bare {@code throw;}, which with no exception in flight calls {@code std::terminate}: the
 * JVM aborts. Every DJL call that passes a data type ({@code toType}, {@code create}, {@code zeros}) goes through
 * that switch. TorchScript names dtypes by PyTorch's own number (15), so a scripted {@code torch.to(x, 15)} makes
 * the array, and PyTorch then runs any op on it. DJL reports such arrays' type as UNKNOWN; casting them to F32
 * with {@code toType} works.
 */
final class Bf16Cast {

    private static final int TORCH_BFLOAT16 = 15; // c10::ScalarType::BFloat16
    private static PtSymbolBlock module;

    private Bf16Cast() {
    }

    /**
     * {@code x} as a new bfloat16 array on its device, in its manager. Autograd does not follow the cast out of the
     * module ({@link LmRuntime#cast} has a recorded one). The module runs in training mode so that the result is an
     * ordinary tensor: in inference mode PyTorch makes an inference tensor, which a backward pass may not save
     * (weights, rotary factors) and an assignment may not change.
     */
    static NDArray of(NDArray x) {
        return IValueUtils.forward(module(), new NDList(x), true).singletonOrThrow();
    }

    private static synchronized PtSymbolBlock module() {
        if (module == null) {
            try {
                Path file = Files.createTempFile("qta-bf16-cast", ".pt");
                try {
                    Files.write(file, archive());
                    PtNDManager manager = (PtNDManager) NDManager.newBaseManager("PyTorch");
                    module = JniUtils.loadModule(manager, file, false, new String[0], new String[0], false);
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the bfloat16 cast module", e);
            }
        }
        return module;
    }

    /** A TorchScript archive as torch.jit.save writes it: the module's pickled state and its code as text. */
    private static byte[] archive() throws IOException {
        String code = "class Cast(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  def forward(self: __torch__.Cast, x: Tensor) -> Tensor:\n"
                + "    return torch.to(x, " + TORCH_BFLOAT16 + ")\n";
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        // pickle protocol 2: object of class __torch__.Cast built from {"training": True}
        state.write(new byte[] {(byte) 0x80, 2});
        state.write("c__torch__\nCast\n".getBytes(StandardCharsets.US_ASCII));
        state.write(new byte[] {')', (byte) 0x81, '}', 'X', 8, 0, 0, 0});
        state.write("training".getBytes(StandardCharsets.US_ASCII));
        state.write(new byte[] {(byte) 0x88, 's', 'b', '.'});
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            stored(z, "cast/data.pkl", state.toByteArray());
            stored(z, "cast/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
            stored(z, "cast/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            stored(z, "cast/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return zip.toByteArray();
    }

    private static void stored(ZipOutputStream z, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED); // PyTorch's archive reader takes stored entries
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        z.putNextEntry(e);
        z.write(bytes);
        z.closeEntry();
    }
}
