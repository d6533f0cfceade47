/**
 * QTA Studio: tool retrieval for LLM agents with query-tool alignment (QTA, arXiv 2410.03212), as a JavaFX
 * desktop application and a command line over the same use cases.
 *
 * <p>{@link org.qtastudio.Main} is the entry point of the jar: first it lets
 * {@link org.qtastudio.lm.engine.EngineSelection#selectBeforeDjl()} choose the libtorch build (before
 * anything touches DJL), then no arguments open the window ({@link org.qtastudio.app.StudioApp}) and any
 * arguments run the command line ({@link org.qtastudio.cli.QtaCommand#execute}).
 *
 * <h2>Layers</h2>
 * Packages are cut by capability and data flows one way; each uses only those listed after it:
 * <ol>
 * <li>{@link org.qtastudio.app} (the window) and {@link org.qtastudio.cli} (the command line): two faces
 *     that never use each other;</li>
 * <li>{@link org.qtastudio.experiment}: grids of alignments and rewrite evaluations;</li>
 * <li>{@link org.qtastudio.align}: QTA;</li>
 * <li>{@link org.qtastudio.eval}: metrics, runs, comparisons;</li>
 * <li>{@link org.qtastudio.retrieval}: BM25, dense, hybrid;</li>
 * <li>{@link org.qtastudio.catalog}: tools, queries, gold, importers;</li>
 * <li>{@link org.qtastudio.store}: the SQLite workspace;</li>
 * <li>{@link org.qtastudio.common}: progress, cancel, JSON, files.</li>
 * </ol>
 * The LM engine ({@link org.qtastudio.lm}) stands beside them: only {@code align}, {@code experiment}, the faces and {@code Main}
 * use it, and it uses nothing but {@code common}. JavaFX stays in {@code app}, picocli in {@code cli}, and
 * no two top-level packages depend on each other in a cycle. {@code LayerArchitectureTest} enforces all of this;
 * the README's "Layout" table says the same.
 */
package org.qtastudio;
