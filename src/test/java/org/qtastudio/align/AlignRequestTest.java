package org.qtastudio.align;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qtastudio.catalog.Split;
import org.qtastudio.retrieval.RetrieverSpec;

/** QTA's frozen retriever must rank the whole catalog: the platform tool searches are refused, naming the choices. */
class AlignRequestTest {

    @Test
    void aPlatformToolSearchCannotBeTheFrozenRetriever() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QtaAligner.Request("c", Split.TRAIN,
                "model", "cpu", "float32", new RetrieverSpec.ToolSearchBm25(RetrieverSpec.ToolSearchRegex.DEFAULT_FIELDS),
                AlignSettings.defaults()));
        assertTrue(e.getMessage().contains("returns only the tools it matches") && e.getMessage().contains("bm25, bm25-paper, dense or hybrid"),
                e.getMessage());
        new QtaAligner.Request("c", Split.TRAIN, "model", "cpu", "float32", RetrieverSpec.Bm25.defaults(), AlignSettings.defaults());
    }
}
