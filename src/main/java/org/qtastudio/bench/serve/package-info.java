/**
 * Benchmarks of serving: {@link org.qtastudio.bench.serve.ServingBenchmark} measures the HTTP tool search end to end
 * on loopback at several numbers of concurrent clients ({@code qta-studio bench serving}; figures in docs/serving.md).
 */
package org.qtastudio.bench.serve;
