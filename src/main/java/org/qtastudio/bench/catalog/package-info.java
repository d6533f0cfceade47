/**
 * A benchmark of the import path at catalog scale, not part of the product's use cases.
 * {@link org.qtastudio.bench.catalog.ImportBenchmark} generates a seeded file of OpenAI function schemas,
 * imports it through {@link org.qtastudio.catalog.imports.ImportService} into a fresh workspace, and prints wall
 * time, tools per second and the peak heap; {@code qta-studio bench import} runs it from the command line.
 */
package org.qtastudio.bench.catalog;
