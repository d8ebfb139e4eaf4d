package com.spendportal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The few-PDFs-at-a-time rule of web.Pdf: a bounded number at once, the rest wait in turn, then are told "busy". */
@Tag("h2-only") // no database: the PDF gate's turn-taking
class PdfGateTest {

    @Test
    void neverMoreAtOnceThanThePermitsAndEveryoneGetsATurn() throws Exception {
        Pdf.Gate gate = new Pdf.Gate(2, Duration.ofSeconds(30));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                done.add(callers.submit(() -> gate.through(() -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    sleep(20);
                    inside.decrementAndGet();
                    return n;
                })));
            }
            for (int i = 0; i < 16; i++) {
                assertEquals(i, done.get(i).get(10, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(2, most.get(), "two at a time, and two did run together");
    }

    @Test
    void aCallerThatWaitedTooLongIsToldBusyAndTheGateStaysUsable() throws Exception {
        Pdf.Gate gate = new Pdf.Gate(1, Duration.ofMillis(200));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread holder = new Thread(() -> gate.through(() -> {
            entered.countDown();
            await(finish);
            return null;
        }));
        holder.start();
        assertTrue(entered.await(5, TimeUnit.SECONDS));

        long start = System.nanoTime();
        Pdf.BusyException busy = assertThrows(Pdf.BusyException.class, () -> gate.through(() -> "never"));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150), "it waited its turn first");
        assertTrue(busy.getMessage().contains("other PDFs"), busy.getMessage());

        finish.countDown();
        holder.join(5_000);
        assertEquals("made", gate.through(() -> "made"), "the permit came back");
        assertThrows(IllegalStateException.class, () -> gate.through(() -> {
            throw new IllegalStateException("layout failed");
        }));
        assertEquals("again", gate.through(() -> "again"), "a failed render gives its permit back too");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
