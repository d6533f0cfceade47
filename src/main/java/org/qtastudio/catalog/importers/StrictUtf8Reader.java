package org.qtastudio.catalog.importers;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Decodes UTF-8 strictly and, unlike {@link java.io.InputStreamReader} (which drops the text decoded before a bad
 * byte), hands out everything up to the first invalid byte and then fails with the line it is on. A leading byte
 * order mark is dropped (spreadsheet tools write one into CSV).
 */
final class StrictUtf8Reader extends Reader {

    private final Path file;
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(16 * 1024).flip();
    private long line = 1;
    private boolean eof;
    private boolean atStart = true;
    private CoderResult pendingError;

    StrictUtf8Reader(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pendingError != null) {
            throw new ImportException(file, line, -1, "invalid UTF-8 byte sequence on this line; save the file as UTF-8");
        }
        CharBuffer out = CharBuffer.wrap(buf, off, len);
        while (out.position() == off) {
            CoderResult result = decoder.decode(bytes, out, eof);
            if (result.isError()) {
                pendingError = result;
                break;
            }
            if (result.isOverflow()) {
                break;
            }
            if (eof) {
                decoder.flush(out);
                break;
            }
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
        int produced = out.position() - off;
        if (atStart && produced > 0) {
            atStart = false;
            if (buf[off] == '\uFEFF') {
                System.arraycopy(buf, off + 1, buf, off, --produced);
                if (produced == 0) {
                    return read(buf, off, len);
                }
            }
        }
        for (int i = off; i < off + produced; i++) {
            if (buf[i] == '\n') {
                line++;
            }
        }
        if (produced == 0 && pendingError != null) {
            return read(buf, off, len);
        }
        return produced == 0 ? -1 : produced;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
