package com.spendportal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The readiness check on a pool of its own (an in-memory H2 each): ready only when the portal's table answers, and
 * never waiting longer than {@link DatabaseReadiness#WAIT} for a pool whose connections are all taken.
 */
class DatabaseReadinessTest {

    private final DatabaseReadiness readiness = new DatabaseReadiness();
    private AgroalDataSource pool;

    @AfterEach
    void close() {
        readiness.stop();
        pool.close();
    }

    @Test
    void readyOnlyWhenThePortalsTableAnswers() throws SQLException {
        use(10);
        assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus(), "an empty database, without the portal's tables");
        execute("CREATE TABLE data_version (id INT PRIMARY KEY, version BIGINT NOT NULL)");
        assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus(), "the table without its row");
        execute("INSERT INTO data_version VALUES (1, 0)");
        assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());
        assertEquals(DatabaseReadiness.NAME, readiness.call().getName());
    }

    @Test
    void answersWithinItsWaitWhenEveryConnectionIsTaken() throws SQLException {
        use(1);
        execute("CREATE TABLE data_version (id INT PRIMARY KEY, version BIGINT NOT NULL)");
        execute("INSERT INTO data_version VALUES (1, 0)");
        assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());
        try (Connection taken = pool.getConnection()) {
            for (int poll = 0; poll < 2; poll++) {
                long started = System.nanoTime();
                HealthCheckResponse response = readiness.call();
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
                assertTrue(tookMs >= DatabaseReadiness.WAIT.toMillis() - 50 && tookMs < DatabaseReadiness.WAIT.toMillis() + 2_000,
                        "answered in " + tookMs + " ms");
                assertTrue(response.getData().orElseThrow().get("problem").toString().startsWith("no answer within 2 s"),
                        response.getData().toString());
            }
        }
        // the query still waiting (the only one: a poll meanwhile waits for it) gets the connection back
        assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());
    }

    private void use(int maxSize) {
        String url = "jdbc:h2:mem:readiness-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try {
            pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(cp -> cp
                    .maxSize(maxSize).acquisitionTimeout(Duration.ofSeconds(5))
                    .connectionFactoryConfiguration(cf -> cf.jdbcUrl(url))));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        readiness.dataSource = pool;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
