package org.qtastudio.catalog.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StrictUtf8ReaderTest {

    private static final Path FILE = Path.of("x.csv");

    private static String readAll(byte[] bytes) throws IOException {
        try (Reader r = new StrictUtf8Reader(FILE, new ByteArrayInputStream(bytes))) {
            StringWriter out = new StringWriter();
            r.transferTo(out);
            return out.toString();
        }
    }

    @Test
    void multiByteCharactersAcrossBufferBoundariesSurvive() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append("é€𝄞 line ").append(i).append('\n');
        }
        assertEquals(sb.toString(), readAll(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void badByteFarIntoTheFileIsOnItsLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 1; i < 5_000; i++) {
            bytes.writeBytes(("row " + i + ",ok\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes("row 5000,".getBytes(StandardCharsets.UTF_8));
        bytes.write(0x80);
        ImportException e = assertThrows(ImportException.class, () -> readAll(bytes.toByteArray()));
        assertEquals(5_000, e.line());
    }

    @Test
    void byteOrderMarkIsDropped() throws Exception {
        assertEquals("a,b\n", readAll("\uFEFFa,b\n".getBytes(StandardCharsets.UTF_8)));
    }
}
