package com.spendportal.support;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.restassured.OpenApiValidationFilter.OpenApiValidationException;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The check that every API answer of the suite matches {@code /q/openapi} really runs for every REST Assured call
 * and really fails: against a stand-in server whose document (OpenAPI 3.1, as the portal's) says one thing and whose
 * answers another.
 */
@Tag("h2-only") // no database: the API document check against a stand-in server
class ApiDocumentCheckTest {

    static final String DOCUMENT = """
            {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
             "paths": {"/api/thing": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json":
               {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}}},
             "components": {"schemas": {
               "Thing": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"},
                 "note": {"type": ["string", "null"]},
                 "part": {"anyOf": [{"$ref": "#/components/schemas/Part"}, {"type": "null"}]}}},
               "Part": {"type": "object", "required": ["n"], "properties": {"n": {"type": "number"}}}}}}
            """;

    static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(get("/q/openapi?format=json").willReturn(okJson(DOCUMENT)));
        answer("good", "{\"id\": 7, \"note\": \"x\", \"part\": {\"n\": 1.5}}");
        answer("nulls", "{\"id\": 7, \"note\": null, \"part\": null}");
        answer("wrong-type", "{\"id\": \"seven\"}");
        answer("null-id", "{\"id\": null}");
        answer("bad-part", "{\"id\": 7, \"part\": {\"n\": \"one\"}}");
        server.stubFor(get("/api/undocumented").willReturn(okJson("{}")));
        server.stubFor(get("/accounts").willReturn(okJson("{\"not\": \"documented\"}")));
    }

    private static void answer(String as, String body) {
        server.stubFor(get(urlEqualTo("/api/thing?as=" + as)).willReturn(okJson(body)));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static void call(String path) {
        given().baseUri(server.baseUrl()).get(path).then().statusCode(200);
    }

    @Test
    void answersThatMatchTheDocumentPassAndOthersFail() {
        assertTrue(RestAssured.filters().stream().anyMatch(ApiDocumentCheck.class::isInstance), "installed for every call");
        call("/api/thing?as=good");
        call("/api/thing?as=nulls");
        for (String wrong : new String[] { "wrong-type", "null-id", "bad-part" }) {
            assertThrows(OpenApiValidationException.class, () -> call("/api/thing?as=" + wrong), wrong);
        }
        OpenApiValidationException undocumented = assertThrows(OpenApiValidationException.class,
                () -> call("/api/undocumented"));
        assertTrue(undocumented.getMessage().contains("/api/undocumented"), undocumented.getMessage());
    }

    @Test
    void pagesAreNotChecked() {
        call("/accounts");
    }
}
