/**
 * The tool search that agent platforms build in, reproduced as baselines: what a user gets without QTA Studio,
 * evaluated on their own catalog like any other retriever (Baselines screen, {@code eval}, {@code search}), so the
 * distance to a tuned retriever is measured rather than assumed.
 *
 * <p>Semantics follow Anthropic's tool search documentation
 * (<a href="https://platform.claude.com/docs/en/agents-and-tools/tool-use/tool-search-tool">Tool search tool</a>):
 * two variants, {@code tool_search_tool_regex} (Claude writes a Python {@code re.search} pattern, at most 200
 * characters) and {@code tool_search_tool_bm25} (Claude writes a natural-language query), both searching the tool
 * catalog's names, descriptions, argument names and argument descriptions, and loading the few (3–5) tools found.
 * OpenAI's hosted {@code tool_search}
 * (<a href="https://developers.openai.com/api/docs/guides/tools-tool-search">Tool search</a>) documents no search
 * algorithm, so there is nothing of it to reproduce beyond the same idea. What the documentation leaves open is
 * chosen here and stated where it is implemented: the pattern a query becomes, the order among matching tools,
 * case folding, the tokenizer of the BM25 variant (see docs/platform-baselines.md for the whole list).
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.retrieval.platform.RegexToolSearch} for
 *     {@link org.qtastudio.retrieval.RetrieverSpec.ToolSearchRegex} ({@code tool-search-regex}), with the
 *     query-to-pattern rule in {@link org.qtastudio.retrieval.platform.SearchPattern}.</li>
 * <li>{@link org.qtastudio.retrieval.platform.Bm25ToolSearch} for
 *     {@link org.qtastudio.retrieval.RetrieverSpec.ToolSearchBm25} ({@code tool-search-bm25}): a Lucene index
 *     analysed by {@link org.qtastudio.retrieval.bm25.IdentifierAnalyzer}, built and reused by
 *     {@link org.qtastudio.retrieval.Retrievers} like the default BM25's.</li>
 * </ul>
 *
 * <h2>Adding a platform's search</h2>
 * Cite the documentation it follows, add a spec and wire it as {@link org.qtastudio.retrieval} describes, and return
 * a partial ranking ({@link org.qtastudio.retrieval.Ranking#positiveOnly()}) when the platform returns only what
 * matched. Prefer reusing {@link org.qtastudio.retrieval.bm25.LuceneBm25Retriever} with an analyzer over a second
 * BM25.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>Rankings are partial: a tool the platform's search would not return is not returned here either and ranks
 *     {@link org.qtastudio.retrieval.Ranking#NOT_RETURNED}, so metrics never credit it, however small the catalog.
 *     A query with no usable word returns nothing, without an error.</li>
 * <li>Among returned tools the order is deterministic and documented; equal scores fall in catalog order.</li>
 * <li>A pattern the user writes is checked before any tool is searched: one longer than 200 characters or not a
 *     valid regular expression is refused with a message that quotes it.</li>
 * </ul>
 */
package org.qtastudio.retrieval.platform;
