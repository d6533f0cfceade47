package org.qtastudio.serve;

import java.util.List;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Progress;

/**
 * The rewriting step of a served search, kept behind this seam so that tests can serve a slow, empty or failing
 * rewriter without loading a model. The service calls it from one thread at a time.
 */
interface QueryRewriter extends AutoCloseable {

    /** How many of the retriever's top tools the rewrite prompt shows. */
    int toolDocuments();

    /**
     * The rewrite of {@code query}, or an empty string when there is none to use.
     *
     * @param documents the retriever's top {@link #toolDocuments()} tools for the query, best first
     * @param progress cancelled when the request stopped waiting for this rewrite; long work stops at its next step
     */
    String rewrite(String query, List<Tool> documents, Progress progress);

    /** What rewrites, for {@link ToolSearch#describe()}. */
    String describe();

    @Override
    void close();
}
