/**
 * Dense retrieval: tools and queries embedded by a transformer encoder, ranked by inner product (the
 * cosine for normalised models).
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.retrieval.dense.DenseRetriever}: embeds the catalog on open (usually from the
 *     cache) and ranks by exact search in a {@link org.qtastudio.retrieval.dense.VectorIndex}.</li>
 * <li>{@link org.qtastudio.retrieval.dense.Embedder}: embeds many texts, only those missing from the
 *     {@link org.qtastudio.retrieval.dense.EmbeddingStore}, in batches of similar length, storing each
 *     finished chunk so that a cancel keeps what was done.</li>
 * <li>{@link org.qtastudio.retrieval.dense.EmbeddingModels}: the built-in all-MiniLM-L6-v2
 *     ({@link org.qtastudio.retrieval.dense.OnnxEmbeddingModel#miniLm()}) plus ONNX model folders
 *     registered in the workspace.</li>
 * </ul>
 *
 * <h2>Adding a model</h2>
 * An ONNX encoder with its Hugging Face {@code tokenizer.json} needs no code:
 * {@link org.qtastudio.retrieval.dense.EmbeddingModels#register} checks and loads the folder once, with a
 * {@link org.qtastudio.retrieval.dense.Pooling}, normalisation and token limit, and names it for
 * {@link org.qtastudio.retrieval.RetrieverSpec.Dense}. Another runtime implements
 * {@link org.qtastudio.retrieval.dense.EmbeddingModel}, whose {@code id()} must change with every setting
 * that changes its vectors (the cache is keyed by it), and is loaded in
 * {@link org.qtastudio.retrieval.dense.EmbeddingModels#get}.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>A text is embedded once per model id, whichever catalog, query or run it belongs to (the store is
 *     keyed by model id and SHA-256 of the text).</li>
 * <li>Over-long texts are truncated to the model's token limit and said so in the retriever's
 *     warnings.</li>
 * <li>{@link org.qtastudio.retrieval.dense.EmbeddingModels} owns loaded models and closes them; the shared
 *     built-in model lives as long as the process.</li>
 * </ul>
 */
package org.qtastudio.retrieval.dense;
