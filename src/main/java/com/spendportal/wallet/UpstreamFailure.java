package com.spendportal.wallet;

import java.time.Instant;

/**
 * Why a call to HeyGen failed (the wallet, the job list), with a code for machines ({@code unauthorized},
 * {@code rate_limited}, ...) and a message for people. {@link Retryable} failures (5xx, timeouts, connection errors)
 * are retried and count against the circuit breaker; {@link Rejected} ones (401, 403, 404, 429, other 4xx) are neither.
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
    /** HeyGen's HTTP status, or 0 when it gave none (no answer, or a 2xx answer that could not be read). */
    final int httpStatus;

    UpstreamFailure(String code, String message, Instant retryAt, int httpStatus) {
        super(message, null, false, false);
        this.code = code;
        this.retryAt = retryAt;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    /** When HeyGen may be asked again (429 only), else null. */
    public Instant retryAt() {
        return retryAt;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** A 5xx answer, a timeout or a connection failure: worth another try, and a sign the upstream is unwell. */
    public static final class Retryable extends UpstreamFailure {
        Retryable(String code, String message, int httpStatus) {
            super(code, message, null, httpStatus);
        }
    }

    /** An answer about this key or this request (401, 403, 404, 429, other 4xx): asking again now would not help. */
    public static final class Rejected extends UpstreamFailure {
        Rejected(String code, String message, Instant retryAt, int httpStatus) {
            super(code, message, retryAt, httpStatus);
        }
    }

    /** A 2xx answer whose body is not the JSON we expect: nothing of it is stored. */
    public static final class Invalid extends UpstreamFailure {
        public Invalid(String message) {
            super(INVALID_RESPONSE, message, null, 0);
        }
    }
}
