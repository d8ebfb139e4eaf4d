package com.spendportal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("h2-only") // no database: a cached value and its clock
class SampledTest {

    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void readsAtMostOncePerMaxAgeHoweverOftenAsked() {
        Sampled<Integer> sampled = new Sampled<>("a count", () -> Duration.ofSeconds(15), reads::incrementAndGet, clock::get);
        assertEquals(1, sampled.get());
        clock.set(Duration.ofSeconds(14).toNanos());
        assertEquals(1, sampled.get());
        assertEquals(1, sampled.get());
        clock.set(Duration.ofSeconds(15).toNanos());
        assertEquals(2, sampled.get());
        assertEquals(2, reads.get());
    }

    @Test
    void aZeroMaxAgeReadsEveryTime() {
        Sampled<Integer> sampled = new Sampled<>("a count", () -> Duration.ZERO, reads::incrementAndGet, clock::get);
        assertEquals(1, sampled.get());
        assertEquals(2, sampled.get());
    }

    @Test
    void aFailedReadShowsNoValueAndIsNotRetriedBeforeTheMaxAge() {
        Sampled<Integer> sampled = new Sampled<>("a count", () -> Duration.ofSeconds(15), () -> {
            reads.incrementAndGet();
            throw new IllegalStateException("database down");
        }, clock::get);
        assertNull(sampled.get());
        assertNull(sampled.get());
        assertEquals(1, reads.get());
    }
}
