package com.spendportal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The probes (issue 27): readiness is the portal's own database check, liveness its process check. */
@QuarkusTest
class DatabaseHealthTest {

    @Test
    void theProbesAreThePortalsOwnChecks() {
        Response ready = RestAssured.given().get("/q/health/ready");
        assertEquals(200, ready.statusCode(), ready.asString());
        assertEquals(List.of(DatabaseReadiness.NAME), ready.jsonPath().getList("checks.name"), "quarkus-agroal's own check is off");
        Response live = RestAssured.given().get("/q/health/live");
        assertEquals(200, live.statusCode(), live.asString());
        assertEquals(List.of(Fatal.NAME), live.jsonPath().getList("checks.name"));
    }

    /**
     * PostgreSQL goes away under the running portal: its connections are ended and new ones refused. Readiness is
     * DOWN, in bounded time, until connections are allowed again; then the pool replaces its dead connections.
     */
    @Test
    @EnabledIfSystemProperty(named = "quarkus.datasource.db-kind", matches = "postgresql")
    void anUnreachablePostgresqlIsNotReadyUntilItAnswersAgain() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        String password = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        Browser admin = Browser.admin();
        assertEquals(200, admin.get("/").statusCode());
        // From another database: PostgreSQL does not let a connection shut out its own
        String database = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
        String elsewhere = url.substring(0, url.lastIndexOf('/') + 1) + "template1";
        try (Connection owner = DriverManager.getConnection(elsewhere, user, password); Statement sql = owner.createStatement()) {
            try {
                sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
                long started = System.nanoTime();
                Response notReady = RestAssured.given().get("/q/health/ready");
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertEquals(503, notReady.statusCode(), notReady.asString());
                assertTrue(tookMs < 4_000, "readiness answered in " + tookMs + " ms");
                RestAssured.given().get("/q/health/ready").then().statusCode(503);
            } finally {
                sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (RestAssured.given().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
        assertEquals(200, admin.get("/").statusCode());
    }
}
