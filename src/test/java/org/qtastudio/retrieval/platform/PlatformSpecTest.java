package org.qtastudio.retrieval.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.TextField;
import org.qtastudio.retrieval.bm25.Bm25Analyzer;

class PlatformSpecTest {

    @Test
    void specsRoundTripThroughTheJsonStoredWithRuns() {
        for (RetrieverSpec spec : List.of(RetrieverSpec.ToolSearchRegex.defaults(),
                new RetrieverSpec.ToolSearchRegex(List.of(TextField.DESCRIPTION, TextField.NAME), true),
                RetrieverSpec.ToolSearchBm25.defaults(), new RetrieverSpec.ToolSearchBm25(List.of(TextField.KEY)),
                new RetrieverSpec.Hybrid(RetrieverSpec.ToolSearchBm25.defaults(), RetrieverSpec.Dense.defaults(), 60))) {
            assertEquals(spec, RetrieverSpec.fromJson(spec.toJson()), spec.toJson());
        }
        assertEquals("{\"type\":\"tool-search-regex\",\"fields\":[\"name\",\"description\",\"parameters\"],\"rawPattern\":false}",
                RetrieverSpec.ToolSearchRegex.defaults().toJson());
        assertEquals("{\"type\":\"tool-search-bm25\",\"fields\":[\"name\",\"description\",\"parameters\"]}",
                RetrieverSpec.ToolSearchBm25.defaults().toJson());
    }

    @Test
    void describeSaysWhatTheBaselineDoes() {
        assertEquals("tool search, regex (query words as alternatives, case-insensitive, matching tools only) on name,description,parameters",
                RetrieverSpec.ToolSearchRegex.defaults().describe());
        assertEquals("tool search, regex (query as the pattern, case-insensitive, matching tools only) on description",
                new RetrieverSpec.ToolSearchRegex(List.of(TextField.DESCRIPTION), true).describe());
        assertEquals("tool search, BM25 (Lucene, identifier, k1=1.2, b=0.75) on name,description,parameters, matching tools only",
                RetrieverSpec.ToolSearchBm25.defaults().describe());
        assertEquals(new RetrieverSpec.Bm25(RetrieverSpec.ToolSearchRegex.DEFAULT_FIELDS, Bm25Analyzer.IDENTIFIER, 1.2, 0.75),
                RetrieverSpec.ToolSearchBm25.defaults().lucene());
        assertEquals(Bm25Analyzer.IDENTIFIER, Bm25Analyzer.parse("Identifier"));
    }

    @Test
    void specsNeedAField() {
        assertThrows(IllegalArgumentException.class, () -> new RetrieverSpec.ToolSearchRegex(List.of(), false));
        assertThrows(IllegalArgumentException.class, () -> new RetrieverSpec.ToolSearchBm25(null));
    }
}
