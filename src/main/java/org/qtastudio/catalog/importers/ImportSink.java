package org.qtastudio.catalog.importers;

import org.qtastudio.catalog.Tool;

/** Receives what an importer reads; the import service stores it in one transaction. */
public interface ImportSink {

    /** One tool; keys must be unique within the source. */
    void tool(Tool tool);

    /** One query with its gold as references the service resolves against the catalog's tool keys. */
    void query(QueryDraft query);

    /** Something the user should know that does not stop the import (e.g. a skipped row). */
    void warning(String message);
}
