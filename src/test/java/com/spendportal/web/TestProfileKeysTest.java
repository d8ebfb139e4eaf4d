package com.spendportal.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The refusal of known keys is for real starts only: the %test profile runs on its published keys. */
@QuarkusTest
@Tag("h2-only") // no query: the keys of the %test profile
class TestProfileKeysTest {

    @Inject
    PortalConfig config;

    @ConfigProperty(name = ProductionSecrets.SESSION_KEY)
    String sessionKey;

    @Test
    void thePortalRunsOnThePublishedTestKeys() {
        assertTrue(ProductionSecrets.problems(config.secretKey(), sessionKey).size() == 2,
                "the test profile really uses keys a production start would refuse");
        given().get("/login").then().statusCode(200);
    }
}
