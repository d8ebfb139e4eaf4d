package com.spendportal.wallet;

import com.spendportal.metrics.Sampled;
import com.spendportal.web.PortalConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The wallet's meters (docs/operations.md#metrics): every refresh attempt by outcome, how long it took, and how far the
 * poller is behind. Tags are the fixed outcome names only, never an account, a key or a message.
 */
@ApplicationScoped
class WalletMeters implements MeterBinder {

    /** What a refresh attempt came to, as the {@code outcome} tag says it. */
    enum Outcome {
        /** HeyGen answered and a reading was stored. */
        OK,
        /** HeyGen refused the key (401 or 403). */
        REJECTED_KEY,
        /** The stored key cannot be decrypted (altered, or portal.secret-key changed); HeyGen was not asked. */
        KEY_UNREADABLE,
        /** HeyGen answered 429, or its earlier Retry-After has not passed (then it was not asked). */
        RATE_LIMITED,
        /** A 5xx, another 4xx, a timeout, a connection failure or an answer that is not the expected JSON. */
        UPSTREAM_ERROR,
        /** The circuit breaker is open after repeated upstream errors; HeyGen was not asked. */
        CIRCUIT_OPEN,
        /** Another refresh of the account holds its claim (on another instance); nothing was asked. */
        BUSY,
        /** The account has no API key. */
        NO_KEY,
        /** There is no such account (any more). */
        NOT_FOUND,
        /** The refresh itself failed with an exception (the database, most likely). */
        ERROR;

        final String tag = name().toLowerCase(Locale.ROOT);

        static Outcome of(RefreshResult result) {
            return switch (result.status()) {
                case UPDATED -> OK;
                case RATE_LIMITED -> RATE_LIMITED;
                case BUSY -> BUSY;
                case NO_API_KEY -> NO_KEY;
                case NOT_FOUND -> NOT_FOUND;
                case FAILED -> switch (result.code() == null ? "" : result.code()) {
                    case UpstreamFailure.UNAUTHORIZED, UpstreamFailure.FORBIDDEN -> REJECTED_KEY;
                    case UpstreamFailure.KEY_UNREADABLE -> KEY_UNREADABLE;
                    case UpstreamFailure.CIRCUIT_OPEN -> CIRCUIT_OPEN;
                    default -> UPSTREAM_ERROR;
                };
            };
        }
    }

    /** The columns the poll lag needs, of connected accounts read at least once whose interval has passed. */
    private static final String OVERDUE = "SELECT id, last_refresh_at, consecutive_failures, next_fetch_not_before,"
            + " last_refresh_error_code FROM account"
            + " WHERE api_key_ciphertext IS NOT NULL AND last_refresh_at <= ?";

    @Inject
    DataSource dataSource;

    @Inject
    PortalConfig config;

    private final Map<Outcome, Counter> refreshes = new EnumMap<>(Outcome.class);
    private final Map<Outcome, Timer> durations = new EnumMap<>(Outcome.class);
    private final Sampled<Duration> pollLag = Sampled.of("the poll lag", () -> config.metrics().gaugeMaxAge(), this::readPollLag);

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            refreshes.put(outcome, Counter.builder("portal.wallet.refreshes").tag("outcome", outcome.tag)
                    .description("Wallet refresh attempts (poller, page, API) by outcome").register(registry));
            durations.put(outcome, Timer.builder("portal.wallet.refresh").tag("outcome", outcome.tag)
                    .description("How long a wallet refresh attempt took, retries included").register(registry));
        }
        Gauge.builder("portal.wallet.poll.lag", pollLag, WalletMeters::seconds).baseUnit("seconds")
                .description("How long the most overdue connected account has been due for its background read")
                .register(registry);
    }

    /** One attempt that ended with {@code result} (null: it threw) after {@code nanos}. */
    void attempted(RefreshResult result, long nanos) {
        Outcome outcome = result == null ? Outcome.ERROR : Outcome.of(result);
        Counter counter = refreshes.get(outcome);
        if (counter != null) {
            counter.increment();
            durations.get(outcome).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private static double seconds(Sampled<Duration> lag) {
        Duration value = lag.get();
        return value == null ? Double.NaN : value.toMillis() / 1000.0;
    }

    private Duration readPollLag() {
        Instant now = Instant.now();
        return WalletPoller.lag(overdue(now), now, config.wallet().pollInterval());
    }

    /** One read of the account table, a few columns of the connected accounts past their interval; no reading is read. */
    private List<WalletPoller.Candidate> overdue(Instant now) {
        List<WalletPoller.Candidate> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(OVERDUE)) {
            query.setObject(1, now.minus(config.wallet().pollInterval()).atOffset(ZoneOffset.UTC));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    OffsetDateTime notBefore = row.getObject("next_fetch_not_before", OffsetDateTime.class);
                    rows.add(new WalletPoller.Candidate(row.getLong("id"),
                            row.getObject("last_refresh_at", OffsetDateTime.class).toInstant(),
                            row.getInt("consecutive_failures"), notBefore == null ? null : notBefore.toInstant(),
                            UpstreamFailure.RATE_LIMITED.equals(row.getString("last_refresh_error_code"))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the accounts' refresh times", e);
        }
        return rows;
    }
}
