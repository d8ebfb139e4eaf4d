package com.spendportal.api;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.Users;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openapitools.codegen.validation.ValidationResult;
import org.openapitools.codegen.validations.oas.OpenApiEvaluator;
import org.openapitools.codegen.validations.oas.RuleConfiguration;

/**
 * {@code /q/openapi} documents every route under /api (DESIGN §12): the routes come from the compiled resource classes,
 * so a route added without documentation fails here.
 */
@QuarkusTest
@Tag("h2-only") // the API document; every API answer is checked against it on both (ApiDocumentCheck)
class OpenApiTest {

    private static final String ERROR = "#/components/schemas/Error";

    record Route(String method, String path, String javaMethod) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path + " (" + javaMethod + ")";
        }
    }

    @TestHTTPResource("/q/openapi")
    URL openApi;

    private JsonNode doc;

    @BeforeEach
    void fetch() throws IOException {
        doc = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    /** Every JAX-RS resource method of the application whose path starts with /api, from the compiled classes. */
    static List<Route> apiRoutes() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target", "classes");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes.resolve("com/spendportal"))) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        List<Route> routes = new ArrayList<>();
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name, false, OpenApiTest.class.getClassLoader());
            jakarta.ws.rs.Path classPath = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (type.isInterface() || classPath == null) {
                continue; // REST clients are interfaces
            }
            for (Method method : type.getDeclaredMethods()) {
                String http = httpMethod(method);
                jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
                String path = template(classPath.value() + "/" + (methodPath == null ? "" : methodPath.value()));
                if (http != null && (path.equals("/api") || path.startsWith("/api/"))) {
                    routes.add(new Route(http.toLowerCase(), path, type.getSimpleName() + "." + method.getName()));
                }
            }
        }
        return routes;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** {@code /api/accounts/} + {@code {id: \d+}/usage} as OpenAPI writes it: {@code /api/accounts/{id}/usage}. */
    static String template(String path) {
        String joined = ("/" + path).replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    @Test
    void everyApiRouteIsDocumentedWithSchemasErrorsAndBothAuthSchemes() throws Exception {
        List<Route> routes = apiRoutes();
        assertTrue(routes.size() >= 16, "the scan finds the API: " + routes);
        List<String> problems = new ArrayList<>();
        for (Route route : routes) {
            JsonNode operation = doc.path("paths").path(route.path()).path(route.method());
            if (operation.isMissingNode()) {
                problems.add(route + ": not in the document");
                continue;
            }
            JsonNode responses = operation.path("responses");
            String success = success(responses);
            if (success == null) {
                problems.add(route + ": no 2xx response");
            } else if (!success.equals("204") && !everyContentHasASchema(response(responses.get(success)))) {
                problems.add(route + ": the " + success + " response has no meaningful schema");
            }
            JsonNode body = operation.path("requestBody");
            if (!body.isMissingNode() && !everyContentHasASchema(body)) {
                problems.add(route + ": the request body has no meaningful schema");
            }
            if (!responses.has("401")) {
                problems.add(route + ": no 401");
            }
            if (!List.of("400", "403", "404").stream().anyMatch(status -> refersToError(responses, status))) {
                problems.add(route + ": no error response with the Error schema");
            }
            if (route.path().contains("{") && !refersToError(responses, "404")) {
                problems.add(route + ": names something by id but has no 404 with the Error schema");
            }
            Set<String> schemes = new TreeSet<>();
            JsonNode security = operation.has("security") ? operation.get("security") : doc.path("security");
            security.forEach(requirement -> {
                if (requirement.size() == 1) {
                    schemes.add(requirement.fieldNames().next());
                }
            });
            if (!schemes.containsAll(Set.of("basic", "bearer"))) {
                problems.add(route + ": security " + security + " does not offer basic and bearer");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theDocumentHoldsTheApiOnly() throws Exception {
        Set<String> documented = new TreeSet<>();
        Set<String> methods = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(field -> {
            if (methods.contains(field)) {
                documented.add(field + " " + path.getKey());
            }
        }));
        Set<String> real = new TreeSet<>();
        apiRoutes().forEach(route -> real.add(route.method() + " " + route.path()));
        assertEquals(real, documented, "the document lists exactly the /api routes (no page, no stale route)");
        Iterator<String> schemas = doc.path("components").path("schemas").fieldNames();
        while (schemas.hasNext()) {
            String schema = schemas.next();
            assertFalse(schema.startsWith("Template") || schema.equals("RoutingContext") || schema.equals("EngineImpl"),
                    "a page type leaked in: " + schema);
        }
    }

    /**
     * Redocly's recommended rules find no error (scripts/lint-openapi.sh runs the same by hand). Only where
     * {@code REDOCLY_CLI} names an installed redocly binary: the suite never fetches anything.
     */
    @Test
    void redoclyFindsNoErrors() throws Exception {
        String cli = System.getenv("REDOCLY_CLI");
        Assumptions.assumeTrue(cli != null && Files.isExecutable(Path.of(cli)), "REDOCLY_CLI names no redocly binary");
        Path file = Path.of("target", "openapi.json");
        Files.writeString(file, given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        Process lint = new ProcessBuilder(cli, "lint", "--extends=recommended", file.toString()).redirectErrorStream(true)
                .start();
        String output = new String(lint.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "redocly finished");
        assertEquals(0, lint.exitValue(), output);
    }

    @Test
    void theStatementsTwoShapesAreToldApartByModel() {
        assertEquals("#/components/schemas/Statement",
                doc.at("/paths/~1api~1accounts~1{id}~1statement/get/responses/200/content/application~1json/schema/$ref").asText());
        JsonNode schema = doc.at("/components/schemas/Statement");
        assertEquals("model", schema.at("/discriminator/propertyName").asText());
        assertEquals("#/components/schemas/UsageBasedStatement", schema.at("/discriminator/mapping/USAGE_BASED").asText());
        assertEquals("#/components/schemas/PackageStatement", schema.at("/discriminator/mapping/DOLLAR_PACKAGE").asText());
        assertEquals("USAGE_BASED", doc.at("/components/schemas/UsageBasedStatement/properties/model/enum/0").asText());
        assertFalse(doc.path("servers").isEmpty(), "servers");
        assertFalse(doc.at("/info/license/name").asText().isEmpty(), "license");
        assertFalse(doc.at("/info/license/identifier").asText().isEmpty(), "OpenAPI 3.1: an SPDX identifier (or a url)");
        assertTrue(doc.at("/info/description").asText().contains("Limits"), "limits");
        assertFalse(doc.at("/components/schemas").has("JsonNode"), "no Jackson type");
    }

    /**
     * What {@code openapi-generator-cli validate --recommend} does, in the suite: OpenAPI Generator's parser reads the
     * document from its address, resolving references, with no message, and the generator's own rules find no error
     * and recommend nothing.
     */
    @Test
    void openApiGeneratorFindsNothingToSay() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readLocation(openApi.toString(), null, options);
        assertEquals(List.of(), parsed.getMessages(), "the parser's messages");
        RuleConfiguration rules = new RuleConfiguration();
        rules.setEnableRecommendations(true);
        ValidationResult result = new OpenApiEvaluator(rules).validate(parsed.getOpenAPI());
        List<String> problems = new ArrayList<>();
        result.getErrors().forEach(invalid -> problems.add("error: " + invalid.getMessage() + " " + invalid.getDetails()));
        result.getWarnings().forEach(invalid -> problems.add("warning: " + invalid.getMessage() + " " + invalid.getDetails()));
        assertEquals(List.of(), problems);
    }

    /** A parameter without a type is an Object in a generated Java client. */
    @Test
    void everyParameterHasAType() {
        List<String> untyped = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().forEach(operation -> operation.path("parameters")
                .forEach(parameter -> {
                    if (!parameter.path("schema").has("type") && !parameter.path("schema").has("$ref")) {
                        untyped.add(path.getKey() + " " + parameter.path("name").asText());
                    }
                })));
        assertEquals(List.of(), untyped);
    }

    /** A generator types an answer by its first media type: JSON comes first wherever it is one of them. */
    @Test
    void jsonIsTheFirstMediaTypeWhereverItIsOne() {
        List<String> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        doc.findParents("content").forEach(parent -> {
            JsonNode content = parent.get("content");
            if (content.isObject() && content.has(APPLICATION_JSON)) {
                String first = content.fieldNames().next();
                found.add(first);
                if (!first.equals(APPLICATION_JSON)) {
                    problems.add(first + " before JSON in " + parent);
                }
            }
        });
        assertTrue(found.size() > 30, "JSON content found: " + found.size());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        JsonNode statement = doc.at("/paths/~1api~1accounts~1{id}~1statement/get/responses/200/content");
        assertEquals(2, statement.size(), "the statement also answers CSV");
    }

    /**
     * Schemas are named in the API's words: none after a JDK or Jackson type or a Java class of ours ({@code ...Json}), and a
     * date, an instant or a month is a string where it is used, not a reference to a schema of its own.
     */
    @Test
    void schemasAreNamedInTheApisWords() {
        List<String> problems = new ArrayList<>();
        doc.path("components").path("schemas").fields().forEachRemaining(field -> {
            String name = field.getKey();
            if (name.endsWith("Json") || isJdkType(name)) {
                problems.add(name);
            }
            if (field.getValue().path("type").asText().equals("string") && !field.getValue().has("enum")) {
                problems.add(name + " is a named string");
            }
        });
        assertTrue(problems.isEmpty(), "schemas: " + problems);
        Set<String> expected = Set.of("Account", "Contract", "WalletSnapshot", "Alert", "Channel", "Token", "CreatedToken",
                "AuditEntry", "Invoice", "Statement", "Plan", "DailySpend", "User", "Usage");
        Set<String> names = new TreeSet<>();
        doc.path("components").path("schemas").fieldNames().forEachRemaining(names::add);
        assertTrue(names.containsAll(expected), "missing: " + expected.stream().filter(n -> !names.contains(n)).toList());

        JsonNode alert = doc.at("/components/schemas/Alert/properties");
        assertEquals("date-time", alert.at("/firedAt/format").asText());
        assertEquals("[\"string\",\"null\"]", alert.at("/resolvedAt/type").toString());
        assertEquals("date", doc.at("/components/schemas/Contract/properties/startDate/format").asText());
        JsonNode month = doc.at("/components/schemas/UsageBasedMonth/properties/month");
        assertEquals("string", month.path("type").asText());
        assertTrue("2026-03".matches(month.path("pattern").asText()), "a month's pattern: " + month);
    }

    private static boolean isJdkType(String name) {
        for (String pkg : List.of("java.time.", "java.util.", "java.math.", "java.net.", "com.fasterxml.jackson.databind.",
                "com.fasterxml.jackson.databind.node.")) {
            try {
                Class.forName(pkg + name);
                return true;
            } catch (ClassNotFoundException e) {
                // not in this package
            }
        }
        return false;
    }

    /**
     * The main answers declare what they always have as required (a generated client types those as always there):
     * every property, but those that Jackson leaves out when null. The suite's ApiDocumentCheck then holds every
     * answer of its tests to it.
     */
    @Test
    void answersDeclareWhatTheyAlwaysHave() {
        Map<String, Set<String>> leftOutWhenNull = Map.ofEntries(
                Map.entry("Account", Set.of()), Map.entry("Contract", Set.of()), Map.entry("WalletSnapshot", Set.of()),
                Map.entry("LastRefresh", Set.of()), Map.entry("WalletRefresh", Set.of("error")),
                Map.entry("Alert", Set.of()), Map.entry("Channel", Set.of("address", "url", "secret")),
                Map.entry("Delivery", Set.of()), Map.entry("Token", Set.of()), Map.entry("CreatedToken", Set.of()),
                Map.entry("AuditEntry", Set.of()), Map.entry("Invoice", Set.of()), Map.entry("User", Set.of()),
                Map.entry("Usage", Set.of()), Map.entry("UsageImported", Set.of()), Map.entry("BalancesImported", Set.of()),
                Map.entry("UsageBasedStatement", Set.of()), Map.entry("PackageStatement", Set.of("forecast")),
                Map.entry("UsageBasedMonth", Set.of()), Map.entry("PackageMonth", Set.of()),
                Map.entry("UsageBasedTotals", Set.of()), Map.entry("PackageTotals", Set.of()), Map.entry("Forecast", Set.of()),
                Map.entry("Plan", Set.of("missing")),
                Map.entry("PlanOption", Set.of("includedUsePct", "annualDrawdownUsd", "unusedUsd", "topUpUsd")),
                Map.entry("DailySpend", Set.of()), Map.entry("Error", Set.of()),
                Map.entry("ErrorDetail", Set.of("field", "fields", "details")));
        List<String> problems = new ArrayList<>();
        leftOutWhenNull.forEach((name, absent) -> {
            JsonNode schema = doc.at("/components/schemas/" + name);
            Set<String> expected = new TreeSet<>();
            schema.path("properties").fieldNames().forEachRemaining(expected::add);
            expected.removeAll(absent);
            Set<String> required = new TreeSet<>();
            schema.path("required").forEach(property -> required.add(property.asText()));
            if (expected.isEmpty() || !expected.equals(required)) {
                problems.add(name + ": required " + required + ", expected " + expected);
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void bothAuthSchemesAreDeclared() {
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertEquals("http", schemes.path("basic").path("type").asText());
        assertEquals("basic", schemes.path("basic").path("scheme").asText());
        assertEquals("http", schemes.path("bearer").path("type").asText());
        assertEquals("bearer", schemes.path("bearer").path("scheme").asText());
        assertTrue(schemes.path("bearer").path("description").asText().contains("/tokens"), "says where tokens come from");
    }

    @Test
    void theErrorSchemaDescribesTheRealErrorBody() {
        JsonNode detail = doc.at("/components/schemas/ErrorDetail/properties");
        assertEquals("#/components/schemas/ErrorDetail", doc.at("/components/schemas/Error/properties/error/$ref").asText());
        JsonNode error = Api.admin().body("{\"name\": \"\"}").post("/api/accounts").then().statusCode(400)
                .extract().as(JsonNode.class).get("error");
        error.fieldNames().forEachRemaining(field -> assertTrue(detail.has(field), "documented: error." + field));
        assertTrue(detail.has("code") && detail.has("message") && detail.has("fields") && detail.has("details"));
    }

    @Test
    void theDocumentIsPublicAndSwaggerUiIsForLoggedInUsers() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("Spend Portal API"));
        given().redirects().follow(false).get("/q/swagger-ui/").then().statusCode(302).header("Location", endsWith("/login"));

        Browser admin = Browser.admin();
        admin.get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-inline'"));
        Users.ensureViewer();
        Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD).get("/q/swagger-ui/").then().statusCode(200);
        admin.get("/tokens").then().statusCode(200).body(containsString("href=\"/q/swagger-ui/\""))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")));
    }

    private String success(JsonNode responses) {
        Iterator<String> statuses = responses.fieldNames();
        while (statuses.hasNext()) {
            String status = statuses.next();
            if (status.startsWith("2")) {
                return status;
            }
        }
        return null;
    }

    /** A response, or the shared one it refers to. */
    private JsonNode response(JsonNode response) {
        String ref = response.path("$ref").asText("");
        return ref.isEmpty() ? response : doc.at("/components/responses/" + ref.substring(ref.lastIndexOf('/') + 1));
    }

    private boolean refersToError(JsonNode responses, String status) {
        return responses.has(status)
                && ERROR.equals(response(responses.get(status)).at("/content/application~1json/schema/$ref").asText());
    }

    private boolean everyContentHasASchema(JsonNode responseOrBody) {
        JsonNode content = responseOrBody.path("content");
        if (content.isEmpty()) {
            return false;
        }
        for (JsonNode media : content) {
            if (!meaningful(media.path("schema"))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Not {@code {}}, not a bare map of anything (what {@code Map<String, Object>} gets) and not Jackson's tree (what a
     * {@code JsonNode} body gets): those need {@code @APIResponse} or {@code @RequestBody} naming the real shape.
     */
    private boolean meaningful(JsonNode schema) {
        if (schema.has("$ref")) {
            return !schema.get("$ref").asText().matches(".*/(Json|Object|Array)Node");
        }
        for (String composed : List.of("oneOf", "anyOf", "allOf")) {
            if (schema.has(composed)) {
                for (JsonNode part : schema.get(composed)) {
                    if (!meaningful(part)) {
                        return false;
                    }
                }
                return true;
            }
        }
        String type = schema.path("type").asText("");
        return switch (type) {
            case "array" -> meaningful(schema.path("items"));
            case "object" -> schema.has("properties");
            case "" -> false;
            default -> true;
        };
    }
}
