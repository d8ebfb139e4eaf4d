package com.spendportal.users;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing per username: after {@value #FREE_FAILURES} failures in a row the
 * username is locked for a minute, doubling with every further failure up to 15 minutes. Unknown
 * usernames are locked the same way, so a lock says nothing about who exists.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);

    private record State(int failures, Instant lockedUntil) {
    }

    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    public boolean isLocked(String username, Instant now) {
        State state = states.get(key(username));
        return state != null && state.lockedUntil != null && now.isBefore(state.lockedUntil);
    }

    public void failed(String username, Instant now) {
        states.compute(key(username), (k, old) -> {
            int failures = (old == null ? 0 : old.failures) + 1;
            Instant until = null;
            if (failures >= FREE_FAILURES) {
                long factor = 1L << Math.min(failures - FREE_FAILURES, 10);
                Duration lock = FIRST_LOCK.multipliedBy(factor);
                until = now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
            }
            return new State(failures, until);
        });
    }

    public void succeeded(String username) {
        states.remove(key(username));
    }
}
