package com.spendportal.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A fake HeyGen on a dynamic port for every test ({@code heygen.base-url} points at it), serving the
 * shared fixtures in {@code ../shared/heygen}. Stubs match on the {@code x-api-key} header, so each
 * test's unique key has its own answers and its own request count.
 */
@WithTestResource(value = HeyGenWireMock.class, scope = TestResourceScope.GLOBAL)
public class HeyGenWireMock implements QuarkusTestResourceLifecycleManager {

    public static final Path FIXTURES = Path.of("../shared/heygen");
    public static final String USERS_ME = "/v3/users/me";

    /** Marks a test field that receives the running {@link WireMockServer}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return Map.of("heygen.base-url", server.baseUrl());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    public static String fixture(String name) {
        try {
            return Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code GET /v3/users/me} for {@code apiKey} with a fixture file. */
    public static void stub(WireMockServer server, String apiKey, int status, String fixture) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status)
                .withHeader("Content-Type", fixture.endsWith(".html") ? "text/html" : "application/json")
                .withBody(fixture(fixture));
        if (status == 429) {
            response.withHeader("Retry-After", "30");
        }
        stub(server, apiKey, response);
    }

    public static void stub(WireMockServer server, String apiKey, ResponseDefinitionBuilder response) {
        server.stubFor(get(urlEqualTo(USERS_ME)).withHeader("x-api-key", equalTo(apiKey)).willReturn(response));
    }

    /** How many requests carried {@code apiKey} in the x-api-key header. */
    public static int calls(WireMockServer server, String apiKey) {
        return server.countRequestsMatching(getRequestedFor(urlEqualTo(USERS_ME))
                .withHeader("x-api-key", equalTo(apiKey)).build()).getCount();
    }
}
