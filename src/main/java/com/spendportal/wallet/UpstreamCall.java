package com.spendportal.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** One request to HeyGen and what its answer means (HeyGen fixture table in {@code heygen/README.md}). */
final class UpstreamCall {

    /** Used when a 429 carries no readable Retry-After. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
    private static final int MESSAGE_MAX = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private UpstreamCall() {
    }

    /** Sends {@code call} on {@code client} and reads its answer: what {@code call} parses, or the failure to record. */
    static <T> T fetch(HeyGenClient client, String apiKey, HeyGenGateway.Call<T> call) {
        Response response;
        String body;
        try {
            response = call.send().apply(client, apiKey);
            try (response) {
                body = response.hasEntity() ? response.readEntity(String.class) : "";
            }
        } catch (ProcessingException e) {
            throw isTimeout(e)
                    ? new UpstreamFailure.Retryable(UpstreamFailure.TIMEOUT, "HeyGen did not answer in time.", 0)
                    : new UpstreamFailure.Retryable(UpstreamFailure.UPSTREAM_ERROR, "HeyGen could not be reached (connection failed).", 0);
        }
        String ok = interpret(response.getStatus(), body, response.getHeaderString("Retry-After"), Instant.now(), apiKey, call.what());
        return call.parse().apply(ok);
    }

    /** The meaning of one answer of {@code /v3/users/me}: the wallet, or the failure to record. */
    static UsersMe interpret(int status, String body, String retryAfter, Instant now, String apiKey) {
        return UsersMe.parse(interpret(status, body, retryAfter, now, apiKey, HeyGenGateway.USERS_ME.what()));
    }

    /**
     * The body of a 2xx answer, or the failure to record for any other.
     *
     * @param what what was read, for the 403 message: "the wallet", "the job list"
     */
    static String interpret(int status, String body, String retryAfter, Instant now, String apiKey, String what) {
        if (status >= 200 && status < 300) {
            return body;
        }
        String detail = errorMessage(body, apiKey);
        String suffix = detail == null ? "." : ": " + detail;
        if (status == 401) {
            throw new UpstreamFailure.Rejected(UpstreamFailure.UNAUTHORIZED, "HeyGen rejected the key (401)" + suffix, null, status);
        }
        if (status == 403) {
            throw new UpstreamFailure.Rejected(UpstreamFailure.FORBIDDEN,
                    "HeyGen refused this key the permission to read " + what + " (403)" + suffix, null, status);
        }
        if (status == 429) {
            throw new UpstreamFailure.Rejected(UpstreamFailure.RATE_LIMITED, "Rate limited by HeyGen (429).",
                    retryAt(retryAfter, now), status);
        }
        if (status >= 500) {
            throw new UpstreamFailure.Retryable(UpstreamFailure.UPSTREAM_ERROR,
                    "HeyGen answered with an error (" + status + ")" + suffix, status);
        }
        throw new UpstreamFailure.Rejected(UpstreamFailure.UPSTREAM_ERROR, "HeyGen refused the request (" + status + ")" + suffix,
                null, status);
    }

    /** Retry-After in seconds or as an HTTP date; never earlier than now, a default when unreadable. */
    static Instant retryAt(String header, Instant now) {
        if (header != null) {
            String value = header.strip();
            if (value.matches("\\d{1,9}")) {
                return now.plusSeconds(Long.parseLong(value));
            }
            try {
                Instant date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return date.isBefore(now) ? now : date;
            } catch (DateTimeParseException e) {
                // fall through to the default
            }
        }
        return now.plus(DEFAULT_RETRY_AFTER);
    }

    /** HeyGen's own {@code error.message}, shortened, when the body is its documented JSON error. */
    private static String errorMessage(String body, String apiKey) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode message = JSON.readTree(body).path("error").path("message");
            if (!message.isTextual() || message.textValue().isBlank()) {
                return null;
            }
            String text = message.textValue().strip();
            if (apiKey != null && apiKey.length() >= 8) {
                text = text.replace(apiKey, "[key]");
            }
            return text.length() <= MESSAGE_MAX ? text : text.substring(0, MESSAGE_MAX) + "…";
        } catch (Exception notJson) {
            return null;
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}
