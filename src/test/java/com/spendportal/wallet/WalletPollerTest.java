package com.spendportal.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.wallet.WalletPoller.Candidate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalletPollerTest {

    static final Duration INTERVAL = Duration.ofMinutes(15);
    static final Instant NOW = Instant.parse("2026-05-10T12:00:00Z");

    @Test
    void anAccountNeverReadIsDue() {
        assertTrue(WalletPoller.isDue(null, 0, null, NOW, INTERVAL));
    }

    @Test
    void aHealthyAccountIsDueOncePerInterval() {
        assertFalse(WalletPoller.isDue(NOW.minus(Duration.ofMinutes(14)), 0, null, NOW, INTERVAL));
        assertTrue(WalletPoller.isDue(NOW.minus(INTERVAL), 0, null, NOW, INTERVAL));
    }

    @Test
    void failuresBackOffExponentiallyUpToSixHours() {
        assertEquals(Duration.ofMinutes(15), WalletPoller.wait(0, INTERVAL));
        assertEquals(Duration.ofMinutes(30), WalletPoller.wait(1, INTERVAL));
        assertEquals(Duration.ofMinutes(120), WalletPoller.wait(3, INTERVAL));
        assertEquals(Duration.ofHours(6), WalletPoller.wait(5, INTERVAL));
        assertEquals(Duration.ofHours(6), WalletPoller.wait(1000, INTERVAL));
        assertEquals(Duration.ofHours(8), WalletPoller.wait(3, Duration.ofHours(8)));
        assertFalse(WalletPoller.isDue(NOW.minus(Duration.ofMinutes(29)), 1, null, NOW, INTERVAL));
        assertTrue(WalletPoller.isDue(NOW.minus(Duration.ofMinutes(30)), 1, null, NOW, INTERVAL));
    }

    @Test
    void nobodyAsksBeforeRetryAfterEvenWhenTheIntervalHasPassed() {
        assertFalse(WalletPoller.isDue(NOW.minus(Duration.ofHours(1)), 0, NOW.plusSeconds(1), NOW, INTERVAL));
        assertFalse(WalletPoller.isDue(null, 0, NOW.plusSeconds(30), NOW, INTERVAL));
        assertTrue(WalletPoller.isDue(NOW.minus(Duration.ofHours(1)), 0, NOW, NOW, INTERVAL));
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
    void picksTheLongestUnreadDueAccountsFirst() {
        List<Candidate> candidates = List.of(
                new Candidate(1, NOW.minus(Duration.ofMinutes(20)), 0, null),
                new Candidate(2, null, 0, null),
                new Candidate(3, NOW.minus(Duration.ofMinutes(5)), 0, null),
                new Candidate(4, NOW.minus(Duration.ofMinutes(40)), 0, null),
                new Candidate(5, NOW.minus(Duration.ofMinutes(40)), 2, null),
                new Candidate(6, null, 0, NOW.plusSeconds(10)));
        assertEquals(List.of(2L, 4L, 1L), WalletPoller.pickDue(candidates, NOW, INTERVAL, 10));
        assertEquals(List.of(2L, 4L), WalletPoller.pickDue(candidates, NOW, INTERVAL, 2));
    }

    @Test
    void pollLagIsHowLongTheMostOverdueAccountHasBeenDue() {
        assertEquals(Duration.ZERO, WalletPoller.lag(List.of(), NOW, INTERVAL));
        Candidate onTime = new Candidate(1, NOW.minus(Duration.ofMinutes(10)), 0, null);
        Candidate neverRead = new Candidate(2, null, 0, null);
        assertEquals(Duration.ZERO, WalletPoller.lag(List.of(onTime, neverRead), NOW, INTERVAL));
        Candidate late = new Candidate(3, NOW.minus(Duration.ofMinutes(20)), 0, null);
        assertEquals(Duration.ofMinutes(5), WalletPoller.lag(List.of(onTime, late, neverRead), NOW, INTERVAL));
        // two failures: due 60 minutes after the last try, so 10 minutes late after 70
        Candidate backingOff = new Candidate(4, NOW.minus(Duration.ofMinutes(70)), 2, null);
        assertEquals(Duration.ofMinutes(10), WalletPoller.lag(List.of(late, backingOff), NOW, INTERVAL));
        // Retry-After later than the interval moves the due time
        Candidate rateLimited = new Candidate(5, NOW.minus(Duration.ofMinutes(40)), 0, NOW.minus(Duration.ofMinutes(1)));
        assertEquals(Duration.ofMinutes(1), WalletPoller.lag(List.of(rateLimited), NOW, INTERVAL));
        Candidate waiting = new Candidate(6, NOW.minus(Duration.ofMinutes(40)), 0, NOW.plus(Duration.ofMinutes(1)));
        assertEquals(Duration.ZERO, WalletPoller.lag(List.of(waiting), NOW, INTERVAL));
    }
}
