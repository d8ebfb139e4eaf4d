package com.spendportal.wallet;

import java.time.Instant;

/**
 * Why a wallet fetch failed, with a code for machines ({@code unauthorized}, {@code rate_limited}, ...)
 * and a message for people. {@link Retryable} failures (5xx, timeouts, connection errors) are retried
 * and count against the circuit breaker; {@link Rejected} ones (401, 403, 429, other 4xx) are neither.
 */
public abstract class UpstreamFailure extends RuntimeException {

    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String UPSTREAM_ERROR = "upstream_error";
    public static final String TIMEOUT = "timeout";
    public static final String INVALID_RESPONSE = "invalid_response";
    public static final String CIRCUIT_OPEN = "circuit_open";
    public static final String KEY_UNREADABLE = "key_unreadable";

    final String code;
    /** When HeyGen may be asked again (429 only). */
    final Instant retryAt;

    UpstreamFailure(String code, String message, Instant retryAt) {
        super(message, null, false, false);
        this.code = code;
        this.retryAt = retryAt;
    }

    public String code() {
        return code;
    }

    /** A 5xx answer, a timeout or a connection failure: worth another try, and a sign the upstream is unwell. */
    public static final class Retryable extends UpstreamFailure {
        Retryable(String code, String message) {
            super(code, message, null);
        }
    }

    /** An answer about this key or this request (401, 403, 429, other 4xx): asking again now would not help. */
    public static final class Rejected extends UpstreamFailure {
        Rejected(String code, String message, Instant retryAt) {
            super(code, message, retryAt);
        }
    }

    /** A 2xx answer whose body is not the JSON we expect: nothing is stored. */
    public static final class Invalid extends UpstreamFailure {
        Invalid(String message) {
            super(INVALID_RESPONSE, message, null);
        }
    }
}
