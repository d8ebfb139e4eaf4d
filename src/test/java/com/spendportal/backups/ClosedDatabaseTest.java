package com.spendportal.backups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.web.PortalConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Issue 27: on H2 a closed database is reopened, and {@code /q/health/ready} is DOWN while it cannot be. The database
 * is closed the way H2 closes it when a statement runs out of memory ({@code Database.shutdownImmediately()}, called
 * by H2's {@code Command}): the pool's sessions stay open but every statement on them fails with "The database has
 * been closed", and {@code isValid()} still says true. A child JVM then takes the file, so that for a while nothing
 * can open it again.
 */
@QuarkusTest
@TestProfile(FileDatabase.class)
@DisabledIfSystemProperty(named = "quarkus.datasource.db-kind", matches = "postgresql",
        disabledReason = "H2's own file database; DatabaseHealthTest covers an unreachable PostgreSQL")
class ClosedDatabaseTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PortalConfig config;

    @Test
    void aClosedDatabaseIsNotReadyWhileItCannotBeOpenedAndIsReopenedAfter() throws Exception {
        String name = Api.uniqueName("Before the close");
        long id = Api.createAccount(name, null);
        Browser admin = Browser.admin();
        assertEquals(200, admin.get("/").statusCode());
        ready().then().statusCode(200);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = location(HoldingChild.class) + File.pathSeparator + location(org.h2.Driver.class);
        Process holder = new ProcessBuilder(java, "-cp", classPath, HoldingChild.class.getName(),
                CommittingChild.jdbcUrl(Path.of(config.dataDir()))).redirectError(Path.of(config.dataDir(), "holder.err").toFile())
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            try (Connection pooled = dataSource.getConnection()) {
                JdbcConnection h2 = pooled.unwrap(JdbcConnection.class);
                ((SessionLocal) h2.getSession()).getDatabase().shutdownImmediately();
                assertTrue(pooled.isValid(0), "H2's isValid() does not see that its database is closed");
            }
            assertEquals(HoldingChild.REPORT, out.readLine(), "the child took the file; its stderr is in holder.err");

            long started = System.nanoTime();
            Response notReady = ready();
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(503, notReady.statusCode(), notReady.asString());
            assertEquals("DOWN", notReady.jsonPath().getString("checks.find { it.name == 'Database' }.status"), notReady.asString());
            assertTrue(tookMs < 4_000, "readiness answered in " + tookMs + " ms");
            ready().then().statusCode(503); // still, while the child holds the file
        } finally {
            holder.getOutputStream().close(); // the child lets go of the file and ends
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "the child ended");
        }

        // The pool drops its dead connections and opens new ones, which reopen the file
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ready().statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        ready().then().statusCode(200);
        assertEquals(200, admin.get("/").statusCode());
        assertEquals(name, Api.admin().get("/api/accounts/" + id).then().statusCode(200).extract().jsonPath().getString("name"));
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static Response ready() {
        return RestAssured.given().get("/q/health/ready");
    }
}
