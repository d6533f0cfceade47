package org.qtastudio.bench.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;

/**
 * Measures how long the FX thread was unavailable: an {@link AnimationTimer} runs on every pulse (60 a second when
 * the window is idle), so a long gap between two pulses is time the window could not repaint or react. Start and
 * stop it on the FX thread.
 */
final class PulseMonitor {

    private final List<Long> gaps = new ArrayList<>();
    private final List<String> longGaps = new ArrayList<>();
    private final AnimationTimer timer;
    private long last;

    private static final long LONG_GAP_NANOS = 100_000_000;

    private PulseMonitor() {
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long wall = System.nanoTime();
                if (last != 0) {
                    gaps.add(wall - last);
                    if (wall - last > LONG_GAP_NANOS) { // when, to find it in a profile or a GC log
                        longGaps.add(String.format(Locale.ROOT, "%tT.%<tL (%d ms)", System.currentTimeMillis(), (wall - last) / 1_000_000));
                    }
                }
                last = wall;
            }
        };
    }

    static PulseMonitor start() {
        PulseMonitor monitor = new PulseMonitor();
        monitor.timer.start();
        return monitor;
    }

    /** Stops recording and returns the gaps seen. */
    Gaps stop() {
        timer.stop();
        return new Gaps(List.copyOf(gaps), List.copyOf(longGaps));
    }

    /** The gaps between consecutive pulses, in nanoseconds, and when each gap over 100 ms ended (wall clock). */
    record Gaps(List<Long> nanos, List<String> longOnes) {

        /** The same gaps without the first: the window's first frame, which a newly shown window pays once. */
        Gaps afterFirstFrame() {
            return new Gaps(nanos.isEmpty() ? nanos : nanos.subList(1, nanos.size()),
                    !nanos.isEmpty() && nanos.getFirst() > LONG_GAP_NANOS ? longOnes.subList(1, longOnes.size()) : longOnes);
        }

        long firstMillis() {
            return nanos.isEmpty() ? 0 : nanos.getFirst() / 1_000_000;
        }

        long longestMillis() {
            return nanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1_000_000;
        }

        long over(long millis) {
            return nanos.stream().filter(n -> n > millis * 1_000_000).count();
        }

        /** One line: pulses, longest gap, and how many gaps passed 100 ms (the target) and 50 ms. */
        String describe() {
            return String.format(Locale.ROOT, "%,d pulses, longest gap %d ms, gaps over 100 ms: %d, over 50 ms: %d",
                    nanos.size(), longestMillis(), over(100), over(50)) + (longOnes.isEmpty() ? "" : "; over 100 ms ending at " + String.join(", ", longOnes));
        }
    }
}
