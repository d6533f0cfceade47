package org.qtastudio.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestStatsTest {

    private static final long MS = 1_000_000L;

    @Test
    void countsAndPercentiles() {
        RequestStats stats = new RequestStats();
        for (int micros = 1; micros <= 1000; micros++) {
            stats.answered(micros * 10L, micros % 100 == 0);
        }
        stats.failed();
        ServeStats s = stats.snapshot();
        assertEquals(1001, s.requests());
        assertEquals(1, s.errors());
        assertEquals(10, s.fallbacks());
        // 3 significant digits: values within 0.1 % of the exact percentile
        assertEquals(5.0, s.p50Millis(), 0.01);
        assertEquals(9.0, s.p90Millis(), 0.01);
        assertEquals(9.9, s.p99Millis(), 0.01);
    }

    @Test
    void noLatencyBeforeTheFirstRequest() {
        ServeStats s = new RequestStats().snapshot();
        assertEquals(new ServeStats(0, 0, 0, 0, 0, 0, 0), s);
    }

    @Test
    void theRateCoversTheLastTenSeconds() {
        AtomicLong now = new AtomicLong();
        RequestStats stats = new RequestStats(now::get);
        for (int second = 0; second < 30; second++) {
            // 10 requests a second for 20 seconds, then 40 a second
            int n = second < 20 ? 10 : 40;
            for (int i = 0; i < n; i++) {
                now.set(second * 1000 * MS + i * (1000 / n) * MS);
                stats.answered(100, false);
            }
        }
        now.set(29_999 * MS);
        assertEquals(40.0, stats.snapshot().requestsPerSecond(), 0.01);
    }

    @Test
    void justAfterOpeningTheRateIsOverTheTimeSinceThen() {
        AtomicLong now = new AtomicLong();
        RequestStats stats = new RequestStats(now::get);
        for (int i = 0; i < 30; i++) {
            now.set(i * 100 * MS); // 30 requests in 3 seconds
            stats.answered(100, false);
        }
        now.set(3000 * MS);
        assertEquals(10.0, stats.snapshot().requestsPerSecond(), 0.01);
        now.set(60_000 * MS);
        assertEquals(0, stats.snapshot().requestsPerSecond(), "nothing in the last ten seconds");
    }
}
