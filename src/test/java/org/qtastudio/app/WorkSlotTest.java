package org.qtastudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.concurrent.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qtastudio.store.Workspace;

/**
 * A screen's work slot stops what Esc cancels, however early: work cancelled before its thread took it up never runs
 * and the slot still says it stopped, once; work cancelled in the same FX event that began it (its running state has
 * not reached the FX thread) is told to stop too.
 */
class WorkSlotTest {

    private AppContext context;

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void workCancelledBeforeItBeganNeverRunsAndTheSlotSaysItStoppedOnce() throws Exception {
        HeldTaskRunner held = new HeldTaskRunner();
        context = new AppContext(Workspace.open(Files.createTempDirectory("qta-slot").resolve("slot.qta")), held);
        WorkSlot slot = FxTest.call(() -> new WorkSlot(context, m -> { }));
        AtomicBoolean ran = new AtomicBoolean();
        List<Boolean> stopped = new CopyOnWriteArrayList<>();
        FxTest.run(() -> {
            slot.begin("Working", progress -> ran.getAndSet(true), r -> { }, stopped::add);
            assertTrue(slot.workingProperty().get());
            slot.cancel();
        });
        FxTest.settle();
        FxTest.run(() -> {
            assertFalse(slot.workingProperty().get(), "the slot is free again");
            assertEquals(List.of(true), stopped);
            for (Task<?> task : held.held()) {
                held.run(task); // its thread takes it up after all
            }
        });
        FxTest.settle();
        assertFalse(ran.get(), "cancelled work never begins");
        assertEquals(List.of(true), stopped, "the slot said once that the work stopped");
    }

    @Test
    void workCancelledInTheEventThatBeganItIsToldToStop() throws Exception {
        context = new AppContext(Workspace.open(Files.createTempDirectory("qta-slot").resolve("slot.qta")));
        WorkSlot slot = FxTest.call(() -> new WorkSlot(context, m -> { }));
        CountDownLatch began = new CountDownLatch(1);
        List<Boolean> stopped = new CopyOnWriteArrayList<>();
        FxTest.run(() -> {
            slot.begin("Working", progress -> {
                began.countDown();
                while (!progress.isCancelled()) {
                    Thread.sleep(5);
                }
                return null;
            }, r -> { }, stopped::add);
            slot.cancel();
        });
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (stopped.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of(true), stopped, "the work stopped, cancelled");
        assertFalse(FxTest.call(() -> slot.workingProperty().get()));
    }
}
