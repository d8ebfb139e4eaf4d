package com.spendportal.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A value that gauges show, read at most once per {@code maxAge} however often Prometheus scrapes and however
 * many gauges show parts of it: the reads behind the portal's gauges go to the database. A read that fails is
 * logged and shows as no value (NaN) until the next read, which also waits {@code maxAge}, so a database that
 * is down is not asked on every scrape either.
 */
public final class Sampled<T> {

    private static final Logger LOG = Logger.getLogger(Sampled.class);

    private final String what;
    private final Supplier<Duration> maxAge;
    private final Supplier<T> read;
    private final LongSupplier nanoClock;

    private boolean sampled;
    private long sampledAt;
    private T value;

    Sampled(String what, Supplier<Duration> maxAge, Supplier<T> read, LongSupplier nanoClock) {
        this.what = what;
        this.maxAge = maxAge;
        this.read = read;
        this.nanoClock = nanoClock;
    }

    /**
     * @param what   what is read, for the log line when a read fails
     * @param maxAge how long a value is shown before it is read again (zero: on every call)
     */
    public static <T> Sampled<T> of(String what, Supplier<Duration> maxAge, Supplier<T> read) {
        return new Sampled<>(what, maxAge, read, System::nanoTime);
    }

    /** The value, read now if the last read is older than the max age; null when that read failed. */
    public synchronized T get() {
        long now = nanoClock.getAsLong();
        if (sampled && now - sampledAt < maxAge.get().toNanos()) {
            return value;
        }
        try {
            value = read.get();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Cannot read %s for the metrics; the gauges show no value until the next read", what);
            value = null;
        }
        sampled = true;
        sampledAt = now;
        return value;
    }
}
