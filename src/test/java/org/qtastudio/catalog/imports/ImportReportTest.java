package org.qtastudio.catalog.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an import says it did: the counts that are not 0, and "Nothing changed" when a re-import changed nothing. */
class ImportReportTest {

    private static ImportReport report(ImportReport.Counts tools, ImportReport.Counts queries) {
        return new ImportReport("x", "mcp", "server", tools, queries, 0, List.of(), Map.of(), List.of());
    }

    @Test
    void aReimportOfAnUnchangedSourceSaysNothingChanged() {
        ImportReport r = report(new ImportReport.Counts(0, 0, 9, 0), new ImportReport.Counts(0, 0, 0));
        assertEquals("Nothing changed in catalog 'x': 9 tools unchanged.", r.outcome(false));
        assertEquals("Dry run, nothing stored; importing would change nothing in catalog 'x': 9 tools unchanged.", r.outcome(true));
        assertEquals("Importing would change nothing in catalog 'x': 9 tools unchanged.", r.prospect());
    }

    @Test
    void anImportNamesWhatItAddedUpdatedKeptAndRemoved() {
        ImportReport r = report(new ImportReport.Counts(2, 1, 6, 1), new ImportReport.Counts(10, 0, 90));
        assertEquals("Stored in catalog 'x': 2 tools added, 1 updated, 6 unchanged, 1 removed; 10 queries added, 90 unchanged.",
                r.outcome(false));
        assertEquals("catalog 'x' (mcp): 9 tools (2 added, 1 updated, 6 unchanged, 1 removed), 100 queries (10 added, 0 updated,"
                + " 90 unchanged)", r.summary());
        assertEquals("Stored in catalog 'x': 3 tools removed.", report(new ImportReport.Counts(0, 0, 0, 3),
                new ImportReport.Counts(0, 0, 0)).outcome(false), "a removal alone is a change");
    }
}
