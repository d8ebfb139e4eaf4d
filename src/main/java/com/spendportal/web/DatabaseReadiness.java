package com.spendportal.web;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * {@code /q/health/ready} is DOWN while the database cannot be used (DESIGN §10): closed, unreachable, or an empty
 * database without the portal's tables. It reads the one row of {@code data_version}, a table of the portal's own
 * schema, through the pool the pages use, so it fails when they would.
 *
 * <p>It replaces quarkus-agroal's check ({@code quarkus.datasource.health.enabled=false}), which asks a pooled
 * connection {@code isValid()}: H2 answers that from a field of the session, so after H2 closed its database (as it
 * does when a statement runs out of memory) every statement failed with "The database has been closed" while that
 * check said UP. It also waited the pool's whole acquisition timeout (5 s) when every connection was taken.
 *
 * <p>A load balancer polls this every few seconds, so it stays cheap (one indexed row) and bounded: the query runs
 * on a thread of its own and the answer waits for it at most {@link #WAIT}; a query still running then is not started
 * again but waited for by the next poll, so a pool that is used up or a database that does not answer holds one
 * thread and one connection request, never one per poll. (Not a JDBC query timeout: on H2 that is a setting of the
 * whole session, and the pooled connection would keep it for the pages' queries.)
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class);

    static final String NAME = "Database";
    static final Duration WAIT = Duration.ofSeconds(2);
    static final String QUERY = "SELECT version FROM data_version WHERE id = 1";

    @Inject
    AgroalDataSource dataSource;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread daemon = new Thread(task, "database-readiness");
        daemon.setDaemon(true);
        return daemon;
    });
    private Future<?> running;
    private String lastProblem;

    @Override
    public HealthCheckResponse call() {
        Future<?> query = next();
        String problem;
        Throwable cause = null;
        try {
            query.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            problem = null;
        } catch (TimeoutException e) {
            problem = "no answer within " + WAIT.toSeconds() + " s (every connection in use, or the database does not answer)";
        } catch (ExecutionException e) {
            problem = "the query failed (the log says why)";
            cause = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        report(problem, cause);
        // The answer is public: it names no table, file, host or user; the log line does
        return problem == null ? HealthCheckResponse.up(NAME)
                : HealthCheckResponse.named(NAME).down().withData("problem", problem).build();
    }

    private synchronized Future<?> next() {
        if (running == null || running.isDone()) {
            running = thread.submit(this::query);
        }
        return running;
    }

    private Void query() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(QUERY);
                ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("data_version has no row: this is not the portal's database");
            }
            return null;
        }
    }

    /** One line when readiness changes, not one per poll: the load balancer asks every few seconds. */
    private synchronized void report(String problem, Throwable cause) {
        if (problem != null && lastProblem == null) {
            LOG.warnf("Not ready: %s%s", problem, cause == null ? "" : ": " + cause);
        } else if (problem == null && lastProblem != null) {
            LOG.info("Ready again: the database answers");
        }
        lastProblem = problem;
    }

    @PreDestroy
    void stop() {
        thread.shutdown();
    }
}
