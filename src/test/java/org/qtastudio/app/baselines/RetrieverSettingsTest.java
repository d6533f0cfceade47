package org.qtastudio.app.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.TextField;
import org.qtastudio.retrieval.bm25.Bm25Analyzer;

class RetrieverSettingsTest {

    @Test
    void theUntouchedFormIsTheDefaultBm25() {
        assertEquals(RetrieverSpec.Bm25.defaults(), new RetrieverSettings().toSpec());
    }

    @Test
    void choosingARetrieverResetsTheFieldsToItsDefaults() {
        RetrieverSettings s = new RetrieverSettings();
        s.kindProperty().set(RetrieverKind.PAPER_BM25);
        assertEquals(RetrieverSpec.PaperBm25.defaults(), s.toSpec());
        s.kindProperty().set(RetrieverKind.DENSE);
        assertEquals(RetrieverSpec.Dense.defaults(), s.toSpec());
        s.kindProperty().set(RetrieverKind.TOOL_SEARCH_REGEX);
        assertEquals(RetrieverSpec.ToolSearchRegex.defaults(), s.toSpec());
        s.kindProperty().set(RetrieverKind.TOOL_SEARCH_BM25);
        assertEquals(RetrieverSpec.ToolSearchBm25.defaults(), s.toSpec());
    }

    @Test
    void editedBm25SettingsAndFieldsReachTheSpec() {
        RetrieverSettings s = new RetrieverSettings();
        s.analyzerProperty().set(Bm25Analyzer.STANDARD);
        s.k1Property().set(" 0.9 ");
        s.bProperty().set("0.4");
        s.fields().get(TextField.PATH).set(false);
        s.fields().get(TextField.KEY).set(true);
        assertEquals(new RetrieverSpec.Bm25(List.of(TextField.NAME, TextField.METHOD, TextField.DESCRIPTION, TextField.PARAMETERS,
                TextField.KEY), Bm25Analyzer.STANDARD, 0.9, 0.4), s.toSpec());
    }

    @Test
    void aHybridFusesTheTwoChosenRetrievers() {
        RetrieverSettings s = new RetrieverSettings();
        s.kindProperty().set(RetrieverKind.HYBRID);
        s.rrfKProperty().set("30");
        assertEquals(new RetrieverSpec.Hybrid(RetrieverSpec.Bm25.defaults(), RetrieverSpec.Dense.defaults(), 30), s.toSpec(),
                "untouched fields: each retriever reads its own defaults");
        assertTrue(s.uses(RetrieverKind.DENSE).get());
        assertTrue(!s.uses(RetrieverKind.PAPER_BM25).get());
        s.rrfKProperty().set("-1");
        assertEquals("RRF k must be at least 0, not -1.", assertThrows(IllegalArgumentException.class, s::toSpec).getMessage());
        s.hybridSecondProperty().set(RetrieverKind.BM25);
        assertEquals("Choose two different retrievers for the hybrid.", assertThrows(IllegalArgumentException.class, s::toSpec).getMessage());
    }

    @Test
    void badInputIsRefusedWithWhatToFix() {
        RetrieverSettings s = new RetrieverSettings();
        s.bProperty().set("1.5");
        assertEquals("b must be between 0 and 1, not 1.5.", assertThrows(IllegalArgumentException.class, s::toSpec).getMessage());
        s.bProperty().set("0.75");
        s.k1Property().set("abc");
        assertEquals("k1 must be a number such as 0.75, not 'abc'.", assertThrows(IllegalArgumentException.class, s::toSpec).getMessage());
        s.k1Property().set("1.2");
        s.fields().values().forEach(f -> f.set(false));
        assertEquals("Tick at least one text field for the retriever to read.",
                assertThrows(IllegalArgumentException.class, s::toSpec).getMessage());
    }

    @Test
    void cutoffsAreParsedLeniently() {
        assertEquals(List.of(5, 10), BaselinesViewModel.parseCutoffs(" 5, 10 "));
        assertEquals(List.of(1, 3, 5), BaselinesViewModel.parseCutoffs("1 3;5"));
        assertEquals("Cutoffs are whole numbers of at least 1 such as 5, 10; '0' is not one.",
                assertThrows(IllegalArgumentException.class, () -> BaselinesViewModel.parseCutoffs("5, 0")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> BaselinesViewModel.parseCutoffs("  "));
    }
}
