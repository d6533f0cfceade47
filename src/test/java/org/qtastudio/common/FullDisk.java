package org.qtastudio.common;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * A disk that fills up after {@code bytes}, for platforms where a test cannot mount a small tmpfs: files that
 * {@link OutputFiles} opens fail with the kernel's ENOSPC message once that much has been written.
 */
public final class FullDisk {

    private FullDisk() {
    }

    public static <T> T after(long bytes, Callable<T> work) throws Exception {
        OutputFiles.Opener previous = OutputFiles.opener;
        OutputFiles.opener = path -> {
            OutputStream real = Files.newOutputStream(Files.createFile(path));
            return new OutputStream() {
                long written;

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (written + len > bytes) {
                        throw new IOException("No space left on device");
                    }
                    written += len;
                    real.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    real.close();
                }
            };
        };
        try {
            return work.call();
        } finally {
            OutputFiles.opener = previous;
        }
    }

    /** Where tests point their output: unused, for symmetry with a mounted tmpfs. */
    public static Path none() {
        return null;
    }
}
