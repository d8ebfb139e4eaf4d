package com.spendportal.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Every answer of the suite's API calls validates against {@code /q/openapi} (DESIGN §17): a REST Assured filter that
 * every request of every test passes, installed once for the whole run by this launcher session listener (registered
 * in {@code META-INF/services}). It checks answers to {@code /api} only, against the document of the portal that gave
 * them; a test's request may be wrong on purpose, so requests are not checked (but their path and method must be
 * documented), while what the portal answers to them is.
 */
public final class ApiDocumentCheck implements LauncherSessionListener, OrderedFilter {

    /** One validator per document address: a test profile restarts the portal, maybe on another port. */
    private static final Map<String, OpenApiValidationFilter> VALIDATORS = new ConcurrentHashMap<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMAS = "#/components/schemas/";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        RestAssured.filters(new ApiDocumentCheck());
    }

    @Override
    public int getOrder() {
        return OrderedFilter.LOWEST_PRECEDENCE; // last before the call: sees the request as sent
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        URI uri = URI.create(request.getURI());
        if (!uri.getPath().startsWith("/api/") && !uri.getPath().equals("/api")) {
            return context.next(request, response);
        }
        String document = uri.getScheme() + "://" + uri.getAuthority() + "/q/openapi?format=json";
        return VALIDATORS.computeIfAbsent(document, ApiDocumentCheck::validator).filter(request, response, context);
    }

    /**
     * The portal's document is OpenAPI 3.1, whose schemas the validator reads but does not apply (it checks 3.0
     * schemas). The same document in 3.0 words, for the constructs it uses: {@code type: [X, "null"]} becomes
     * {@code type: X, nullable: true}, {@code anyOf: [{$ref}, {type: null}]} becomes the referred schema
     * with {@code nullable: true}, {@code examples} becomes {@code example}. Anything else 3.1-only fails here, loudly.
     */
    static String asOpenApi30(String json) {
        try {
            ObjectNode document = (ObjectNode) JSON.readTree(json);
            document.put("openapi", "3.0.3");
            downgrade(document, document.path("components").path("schemas").deepCopy());
            return JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void downgrade(JsonNode node, JsonNode schemas) {
        if (node.isArray()) {
            node.forEach(n -> downgrade(n, schemas));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        JsonNode type = object.get("type");
        if (type != null && type.isArray()) {
            List<String> types = new ArrayList<>();
            type.forEach(t -> types.add(t.asText()));
            boolean nullable = types.remove("null");
            if (types.size() != 1) {
                throw new IllegalStateException("no OpenAPI 3.0 word for type " + type);
            }
            object.put("type", types.get(0));
            if (nullable) {
                object.put("nullable", true);
            }
        }
        for (String composed : List.of("anyOf", "oneOf")) {
            JsonNode parts = object.get(composed);
            if (parts != null && parts.isArray()) {
                ArrayNode kept = JSON.createArrayNode();
                boolean nullable = false;
                for (JsonNode part : parts) {
                    if (part.size() == 1 && "null".equals(part.path("type").asText())) {
                        nullable = true;
                    } else {
                        kept.add(part);
                    }
                }
                if (nullable) {
                    object.remove(composed);
                    String ref = kept.size() == 1 ? kept.get(0).path("$ref").asText("") : "";
                    if (ref.startsWith(SCHEMAS)) {
                        // the validator does not apply nullable beside allOf: the referred schema, copied in
                        object.setAll((ObjectNode) schemas.get(ref.substring(SCHEMAS.length())).deepCopy());
                    } else {
                        object.set(composed, kept);
                    }
                    object.put("nullable", true);
                }
            }
        }
        JsonNode examples = object.get("examples");
        if (examples != null && examples.isArray() && !object.has("in") && examples.size() > 0) {
            object.remove("examples");
            object.set("example", examples.get(0));
        }
        object.forEach(n -> downgrade(n, schemas));
    }

    private static OpenApiValidationFilter validator(String document) {
        String json;
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(document)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError("GET " + document + " gave " + answer.statusCode());
            }
            json = answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new OpenApiValidationFilter(OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30(json))
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .withLevel("validation.request.path.missing", ValidationReport.Level.ERROR)
                        .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.ERROR)
                        .withLevel("validation.response", ValidationReport.Level.ERROR)
                        .build())
                .build());
    }
}
