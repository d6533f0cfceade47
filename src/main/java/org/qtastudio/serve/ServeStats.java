package org.qtastudio.serve;

/**
 * How a served search has been doing, for the Serve panel, {@code GET /v1/info} and the log line a server prints
 * when it stops.
 *
 * @param requests searches answered or refused since the service opened
 * @param errors searches refused (an unknown namespace) or failed
 * @param fallbacks searches answered without the configured rewriter (over the latency budget, no rewrite, an error)
 * @param requestsPerSecond searches per second over the last ten seconds (fewer just after opening)
 * @param p50Millis median latency of the answered searches since the service opened, in milliseconds (0 before the first)
 * @param p90Millis 90th percentile latency, in milliseconds
 * @param p99Millis 99th percentile latency, in milliseconds
 */
public record ServeStats(long requests, long errors, long fallbacks, double requestsPerSecond, double p50Millis,
                         double p90Millis, double p99Millis) {
}
