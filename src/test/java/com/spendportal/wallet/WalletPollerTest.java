package com.spendportal.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.wallet.WalletPoller.Candidate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("h2-only") // no database: the poller's schedule on values
class WalletPollerTest {

    static final Duration INTERVAL = Duration.ofMinutes(15);
    static final Instant NOW = Instant.parse("2026-05-10T12:00:00Z");

    @Test
    void anAccountNeverReadIsDue() {
        assertTrue(WalletPoller.isDue(null, 0, null, false, NOW, INTERVAL));
    }

    @Test
    void aHealthyAccountIsDueOncePerInterval() {
        assertFalse(WalletPoller.isDue(NOW.minus(Duration.ofMinutes(14)), 0, null, false, NOW, INTERVAL));
        assertTrue(WalletPoller.isDue(NOW.minus(INTERVAL), 0, null, false, NOW, INTERVAL));
    }

    @Test
    void failuresBackOffExponentiallyUpToSixHours() {
        assertEquals(Duration.ofMinutes(15), WalletPoller.wait(0, INTERVAL));
        assertEquals(Duration.ofMinutes(30), WalletPoller.wait(1, INTERVAL));
        assertEquals(Duration.ofMinutes(120), WalletPoller.wait(3, INTERVAL));
        assertEquals(Duration.ofHours(6), WalletPoller.wait(5, INTERVAL));
        assertEquals(Duration.ofHours(6), WalletPoller.wait(1000, INTERVAL));
        assertEquals(Duration.ofHours(8), WalletPoller.wait(3, Duration.ofHours(8)));
        assertFalse(WalletPoller.isDue(NOW.minus(Duration.ofMinutes(29)), 1, null, false, NOW, INTERVAL));
        assertTrue(WalletPoller.isDue(NOW.minus(Duration.ofMinutes(30)), 1, null, false, NOW, INTERVAL));
    }

    @Test
    void nobodyAsksBeforeRetryAfterEvenWhenTheIntervalHasPassed() {
        assertFalse(WalletPoller.isDue(NOW.minus(Duration.ofHours(1)), 0, NOW.plusSeconds(1), false, NOW, INTERVAL));
        assertFalse(WalletPoller.isDue(null, 0, NOW.plusSeconds(30), false, NOW, INTERVAL));
        assertTrue(WalletPoller.isDue(NOW.minus(Duration.ofHours(1)), 0, NOW, false, NOW, INTERVAL));
    }

    @Test
    void afterA429TheNextReadWaitsForRetryAfterAloneNotTheInterval() {
        Instant lastTry = NOW.minusSeconds(6);
        assertFalse(WalletPoller.isDue(lastTry, 0, NOW.plusSeconds(1), true, NOW, INTERVAL), "not before Retry-After");
        assertTrue(WalletPoller.isDue(lastTry, 0, NOW.minusSeconds(1), true, NOW, INTERVAL), "right after Retry-After");
        assertFalse(WalletPoller.isDue(lastTry, 0, NOW.minusSeconds(1), false, NOW, INTERVAL), "a failure waits the interval");
        Candidate limited = new Candidate(7, lastTry, 0, NOW.minusSeconds(1), true);
        assertEquals(List.of(7L), WalletPoller.pickDue(List.of(limited), NOW, INTERVAL, 10));
        assertEquals(Duration.ofSeconds(1), WalletPoller.lag(List.of(limited), NOW, INTERVAL));
    }

    @Test
    void eachTickStartsAShareSoAccountsSpreadOverTheInterval() {
        Duration tick = Duration.ofSeconds(30);
        assertEquals(1, WalletPoller.perTick(0, tick, INTERVAL));
        assertEquals(1, WalletPoller.perTick(3, tick, INTERVAL));
        assertEquals(1, WalletPoller.perTick(30, tick, INTERVAL));
        assertEquals(2, WalletPoller.perTick(31, tick, INTERVAL));
        assertEquals(4, WalletPoller.perTick(100, tick, INTERVAL));
        assertEquals(5, WalletPoller.perTick(5, tick, Duration.ofSeconds(10)));
    }

    @Test
    void aTickStartsItsWholeShareAsThreadsFreeUpNotOnlyTheFirstFew() throws Exception {
        List<Long> due = LongStream.rangeClosed(1, 40).boxed().toList();
        Semaphore slots = new Semaphore(4);
        ScheduledExecutorService upstream = Executors.newScheduledThreadPool(4);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Long> started = new CopyOnWriteArrayList<>();
        try {
            int count = WalletPoller.startAll(due, slots, Instant.now().plusSeconds(10), id -> {
                started.add(id);
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                CompletableFuture<Void> read = new CompletableFuture<>();
                upstream.schedule(() -> {
                    running.decrementAndGet();
                    read.complete(null);
                }, 20, TimeUnit.MILLISECONDS);
                return read;
            });
            assertEquals(40, count);
            assertEquals(due, started, "in the order given");
            assertTrue(mostAtOnce.get() <= 4, "never more at once than there are slots: " + mostAtOnce.get());
        } finally {
            upstream.shutdownNow();
        }
    }

    @Test
    void aTickStopsStartingAtItsDeadline() throws Exception {
        Semaphore slots = new Semaphore(2);
        List<Long> started = new CopyOnWriteArrayList<>();
        int count = WalletPoller.startAll(List.of(1L, 2L, 3L), slots, Instant.now().plusMillis(200), id -> {
            started.add(id);
            return new CompletableFuture<>(); // never completes: the slots stay taken
        });
        assertEquals(2, count);
        assertEquals(List.of(1L, 2L), started);
    }

    @Test
    void picksTheLongestUnreadDueAccountsFirst() {
        List<Candidate> candidates = List.of(
                new Candidate(1, NOW.minus(Duration.ofMinutes(20)), 0, null, false),
                new Candidate(2, null, 0, null, false),
                new Candidate(3, NOW.minus(Duration.ofMinutes(5)), 0, null, false),
                new Candidate(4, NOW.minus(Duration.ofMinutes(40)), 0, null, false),
                new Candidate(5, NOW.minus(Duration.ofMinutes(40)), 2, null, false),
                new Candidate(6, null, 0, NOW.plusSeconds(10), false));
        assertEquals(List.of(2L, 4L, 1L), WalletPoller.pickDue(candidates, NOW, INTERVAL, 10));
        assertEquals(List.of(2L, 4L), WalletPoller.pickDue(candidates, NOW, INTERVAL, 2));
    }

    @Test
    void pollLagIsHowLongTheMostOverdueAccountHasBeenDue() {
        assertEquals(Duration.ZERO, WalletPoller.lag(List.of(), NOW, INTERVAL));
        Candidate onTime = new Candidate(1, NOW.minus(Duration.ofMinutes(10)), 0, null, false);
        Candidate neverRead = new Candidate(2, null, 0, null, false);
        assertEquals(Duration.ZERO, WalletPoller.lag(List.of(onTime, neverRead), NOW, INTERVAL));
        Candidate late = new Candidate(3, NOW.minus(Duration.ofMinutes(20)), 0, null, false);
        assertEquals(Duration.ofMinutes(5), WalletPoller.lag(List.of(onTime, late, neverRead), NOW, INTERVAL));
        // two failures: due 60 minutes after the last try, so 10 minutes late after 70
        Candidate backingOff = new Candidate(4, NOW.minus(Duration.ofMinutes(70)), 2, null, false);
        assertEquals(Duration.ofMinutes(10), WalletPoller.lag(List.of(late, backingOff), NOW, INTERVAL));
        // Retry-After later than the interval moves the due time
        Candidate rateLimited = new Candidate(5, NOW.minus(Duration.ofMinutes(40)), 0, NOW.minus(Duration.ofMinutes(1)), false);
        assertEquals(Duration.ofMinutes(1), WalletPoller.lag(List.of(rateLimited), NOW, INTERVAL));
        Candidate waiting = new Candidate(6, NOW.minus(Duration.ofMinutes(40)), 0, NOW.plus(Duration.ofMinutes(1)), false);
        assertEquals(Duration.ZERO, WalletPoller.lag(List.of(waiting), NOW, INTERVAL));
    }
}
