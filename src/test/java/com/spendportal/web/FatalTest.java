package com.spendportal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Browser;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 27: an OutOfMemoryError that reaches the portal ends the process (liveness DOWN, exit status 3), whichever way
 * it comes: a request, a scheduled job, a thread of its own. The halt is recorded here instead of done (it would end
 * the test run); {@link FatalExitTest} lets a real process run out of memory and halt.
 */
@QuarkusTest
class FatalTest {

    @Inject
    Scheduler scheduler;

    private final List<Integer> halts = new CopyOnWriteArrayList<>();
    private IntConsumer realHalt;

    @BeforeEach
    void recordHalts() {
        realHalt = Fatal.halt;
        Fatal.halt = halts::add;
    }

    @AfterEach
    void restore() {
        Fatal.halt = realHalt;
        Fatal.stopping = false;
    }

    @Test
    void anOutOfMemoryErrorInARequestStopsTheProcess() {
        live().then().statusCode(200);
        assertEquals(500, Browser.admin().get("/test-only/failing/out-of-memory").statusCode());
        assertEquals(List.of(Fatal.EXIT_STATUS), halts);
        Response live = live();
        assertEquals(503, live.statusCode(), live.asString());
        assertEquals("DOWN", live.jsonPath().getString("checks.find { it.name == 'Process' }.status"), live.asString());
    }

    @Test
    void soDoesAnOutOfMemoryErrorThatTheDatabaseReportsAsACause() {
        assertEquals(500, Browser.admin().get("/test-only/failing/out-of-memory-in-the-database").statusCode());
        assertEquals(List.of(Fatal.EXIT_STATUS), halts);
    }

    @Test
    void soDoesAScheduledJobThatRunsOutOfMemory() throws InterruptedException {
        scheduler.newJob("out-of-memory-test").setInterval("1s").setTask(execution -> {
            throw new OutOfMemoryError("Java heap space (thrown by a test)");
        }).schedule();
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (halts.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            scheduler.unscheduleJob("out-of-memory-test");
        }
        assertEquals(Fatal.EXIT_STATUS, halts.get(0));
    }

    @Test
    void soDoesAnyThreadThatDiesOfIt() throws InterruptedException {
        Thread thread = new Thread(() -> {
            throw new OutOfMemoryError("unable to create native thread (thrown by a test)");
        }, "dies-of-out-of-memory");
        thread.start();
        thread.join();
        assertEquals(List.of(Fatal.EXIT_STATUS), halts);
    }

    @Test
    void otherFailuresDoNot() {
        assertEquals(500, Browser.admin().get("/test-only/failing/other").statusCode());
        assertTrue(halts.isEmpty(), halts.toString());
        live().then().statusCode(200);
    }

    private static Response live() {
        return RestAssured.given().get("/q/health/live");
    }
}
