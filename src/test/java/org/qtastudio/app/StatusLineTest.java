package org.qtastudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatusLineTest {

    @Test
    void theLatestMessageReplacesTheLastAndAnErrorStaysUntilDismissed() {
        StatusLine line = new StatusLine();
        line.info("Imported 3 tools");
        line.info("Import cancelled; nothing was stored.");
        assertEquals("Import cancelled; nothing was stored.", line.textProperty().get(), "messages replace, never pile up");
        line.error("Import failed: tools.json:3:5: unexpected character");
        line.info("Imported 4 tools");
        assertEquals("Import failed: tools.json:3:5: unexpected character", line.textProperty().get(), "the error stays");
        assertTrue(line.errorProperty().get());
        line.dismiss();
        assertFalse(line.errorProperty().get());
        line.info("Imported 5 tools");
        assertEquals("Imported 5 tools", line.textProperty().get());
    }
}
