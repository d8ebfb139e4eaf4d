package com.spendportal.api;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import io.smallrye.openapi.api.util.FilterUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Keeps {@code /q/openapi} to the JSON API (the pages are no API) and gives every operation the shared error
 * answers declared in {@code package-info.java}, so that a new route is documented without repeating them:
 * 401 and 403 always, 404 where the path names something, 400 where the request carries input. It also shapes the
 * document for client generators (OpenAPI Generator reads it as is): JSON first among media types, dates and months as
 * strings where they are used, nullable and required properties as the answers really are.
 */
public class ApiDocumentFilter implements OASFilter {

    static final String BASIC = "basic";
    static final String BEARER = "bearer";
    static final String BAD_REQUEST = "BadRequest";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String NOT_FOUND = "NotFound";

    private static final String SCHEMAS = "#/components/schemas/";

    /**
     * The properties that an answer may give as JSON null, by schema (DESIGN §17): what is not there yet (no contract,
     * no snapshot, no refresh, no expiry), what belongs to the other billing model or billing type, and what cannot be
     * computed (a percentage of zero). Declared here in one table, since several of these types are the engine's.
     */
    static final Map<String, List<String>> NULLABLE = Map.ofEntries(
            Map.entry("Account", List.of("apiKeyLast4", "lowBalanceThresholdUsd", "contract", "latestSnapshot", "lastRefresh")),
            Map.entry("Contract", List.of("mmcUsd", "contractRatePerSecond", "includedSecondsPerMonth", "includedUsdPerMonth",
                    "overageRatePerSecond", "packageUsd", "updatedAt", "updatedBy")),
            Map.entry("WalletSnapshot", List.of("billingType", "currency", "remainingBalance", "autoReloadEnabled",
                    "autoReloadThresholdUsd", "autoReloadAmountUsd", "spendingCurrentUsd", "spendingCapUsd", "subscriptionPlan")),
            Map.entry("LastRefresh", List.of("errorCode", "error")),
            Map.entry("WalletRefresh", List.of("latestSnapshot", "lastRefresh")),
            Map.entry("Usage", List.of("seconds", "usd")),
            Map.entry("UsageImported", List.of("seconds", "usd")),
            Map.entry("Alert", List.of("accountId", "accountName", "costCentreId", "costCentreName", "resolvedAt")),
            Map.entry("CostCentre", List.of("ownerEmail", "monthlyBudgetUsd")),
            Map.entry("ShowbackCentre", List.of("monthlyBudgetUsd", "budgetUsedPct")),
            Map.entry("AuditEntry", List.of("actor", "via", "target", "detail")),
            Map.entry("Token", List.of("expiresAt", "lastUsedAt")),
            Map.entry("CreatedToken", List.of("expiresAt")),
            Map.entry("Delivery", List.of("nextAttemptAt")),
            Map.entry("UsageBasedMonth", List.of("utilizationPct", "invoicedUsd", "differenceUsd", "jobSeconds")),
            Map.entry("PackageMonth", List.of("drawdownUsd", "cumulativeDrawdownUsd", "remainingUsd", "consumedPct",
                    "walletDrawdownUsd", "topUpsUsd", "invoicedUsd", "differenceUsd", "jobSeconds")),
            Map.entry("PackageTotals", List.of("drawdownUsd", "remainingUsd")),
            Map.entry("Forecast", List.of("avgMonthlyDrawdownUsd", "monthsOfRunway", "projectedExhaustionMonth",
                    "projectedUnusedAtTermEndUsd")));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Paths paths = openAPI.getPaths();
        for (String path : List.copyOf(paths.getPathItems().keySet())) {
            if (!path.startsWith("/api/")) {
                paths.removePathItem(path);
                continue;
            }
            paths.getPathItem(path).getOperations().values().forEach(operation -> addErrors(path, operation));
        }
        jsonFirst(openAPI);
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        inlineValueTypes(openAPI, schemas);
        NULLABLE.forEach((name, properties) -> {
            Schema schema = schemas.get(name);
            if (schema == null || schema.getProperties() == null) {
                return;
            }
            for (String property : properties) {
                Schema value = schema.getProperties().get(property);
                if (value != null && value.getRef() != null) {
                    schema.addProperty(property, OASFactory.createSchema().addAnyOf(OASFactory.createSchema().ref(value.getRef()))
                            .addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL)).description(value.getDescription()));
                } else if (value != null && value.getType() != null && !value.getType().contains(Schema.SchemaType.NULL)) {
                    value.addType(Schema.SchemaType.NULL);
                }
            }
        });
        Schema entry = schemas.get("AuditEntry");
        if (entry != null && entry.getProperties() != null && entry.getProperties().containsKey("detail")) {
            // a JsonNode is no schema: detail is an object of any fields (a changed field as {"old": ..., "new": ...})
            Schema detail = entry.getProperties().get("detail");
            entry.addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT, Schema.SchemaType.NULL))
                    .additionalPropertiesBoolean(true).description(detail.getDescription()));
        }
        keepReferencedSchemas(openAPI);
        requireWhatAnswersAlwaysHave(openAPI);
    }

    /**
     * A client generator types an answer by its first media type: where JSON is one of them, it comes first (the
     * statement also answers CSV, to Accept: text/csv).
     */
    private static void jsonFirst(OpenAPI openAPI) {
        for (Content content : contents(openAPI, true)) {
            if (content.hasMediaType(APPLICATION_JSON)) {
                Map<String, MediaType> ordered = new LinkedHashMap<>();
                ordered.put(APPLICATION_JSON, content.getMediaType(APPLICATION_JSON));
                ordered.putAll(content.getMediaTypes());
                content.setMediaTypes(ordered);
            }
        }
    }

    /** The content of every answer (operations' and shared ones) and, if asked, of every request body. */
    private static List<Content> contents(OpenAPI openAPI, boolean requests) {
        List<Content> contents = new ArrayList<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (requests && operation.getRequestBody() != null) {
                contents.add(operation.getRequestBody().getContent());
            }
            if (operation.getResponses() != null) {
                operation.getResponses().getAPIResponses().values().forEach(response -> contents.add(response.getContent()));
            }
        }));
        if (openAPI.getComponents().getResponses() != null) {
            openAPI.getComponents().getResponses().values().forEach(response -> contents.add(response.getContent()));
        }
        contents.removeIf(content -> content == null || content.getMediaTypes() == null);
        return contents;
    }

    /**
     * A named schema that is only a string (what SmallRye makes of {@code Instant}, {@code LocalDate} and
     * {@code YearMonth}) is written out where it is used, {@code type: string} with its format or pattern: a generator
     * would make a class named after the JDK type of it. Enumerations stay named.
     */
    private static void inlineValueTypes(OpenAPI openAPI, Map<String, Schema> schemas) {
        Map<String, Schema> values = new HashMap<>();
        schemas.forEach((name, schema) -> {
            if (List.of(Schema.SchemaType.STRING).equals(schema.getType()) && schema.getEnumeration() == null
                    && schema.getProperties() == null) {
                values.put(SCHEMAS + name, schema);
            }
        });
        forEachSchema(openAPI, schema -> {
            Schema value = values.get(schema.getRef());
            if (value != null) {
                Map<String, Object> inline = new LinkedHashMap<>();
                value.getAll().forEach((key, v) -> inline.put(key, v instanceof List<?> list ? new ArrayList<>(list) : v));
                schema.getAll().forEach((key, v) -> {
                    if (!key.equals("$ref")) {
                        inline.put(key, v);
                    }
                });
                schema.setRef(null);
                schema.setAll(inline);
            }
        });
    }

    /**
     * Jackson writes every field of a record, null too, unless {@code @JsonInclude} says otherwise: the schema of an
     * answer that does not list its required properties itself (as those that leave fields out do) has all of them
     * required, the nullable ones with null among their types. A generated client then types them as always there.
     */
    private static void requireWhatAnswersAlwaysHave(OpenAPI openAPI) {
        Deque<Schema> todo = new ArrayDeque<>();
        contents(openAPI, false).forEach(content -> content.getMediaTypes().values().stream().map(MediaType::getSchema)
                .filter(Objects::nonNull).forEach(todo::add));
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Set<String> answers = new TreeSet<>();
        while (!todo.isEmpty()) {
            Schema schema = todo.pop();
            String ref = schema.getRef();
            if (ref != null && ref.startsWith(SCHEMAS) && answers.add(ref.substring(SCHEMAS.length()))) {
                todo.add(schemas.get(ref.substring(SCHEMAS.length())));
            }
            schema.getAll().values().forEach(value -> addSchemas(value, todo));
        }
        for (String name : answers) {
            Schema schema = schemas.get(name);
            if (schema.getProperties() != null && (schema.getRequired() == null || schema.getRequired().isEmpty())) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        }
    }

    /** Every schema of the document, and every schema inside one, once. */
    private static void forEachSchema(OpenAPI openAPI, Consumer<Schema> action) {
        Deque<Schema> todo = new ArrayDeque<>();
        FilterUtil.applyFilter(new OASFilter() {
            @Override
            public Schema filterSchema(Schema schema) {
                todo.add(schema);
                return schema;
            }
        }, openAPI);
        Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Schema schema = todo.pop();
            if (seen.add(schema)) {
                action.accept(schema);
                schema.getAll().values().forEach(value -> addSchemas(value, todo));
            }
        }
    }

    private static void addErrors(String path, Operation operation) {
        APIResponses responses = operation.getResponses();
        boolean input = operation.getRequestBody() != null || operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        if (input) {
            add(responses, "400", BAD_REQUEST);
        }
        add(responses, "401", UNAUTHORIZED);
        add(responses, "403", FORBIDDEN);
        if (path.contains("{")) {
            add(responses, "404", NOT_FOUND);
        }
    }

    private static void add(APIResponses responses, String status, String component) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(component));
        }
    }

    /**
     * Drops the schemas that only the pages used (SmallRye scans every resource, so Qute's and Vert.x's types are
     * there; its own unused-schema pass runs before filters): keeps what the operations and the shared responses
     * refer to, and what those schemas refer to in turn.
     */
    private static void keepReferencedSchemas(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        Map<String, Schema> all = components.getSchemas();
        components.setSchemas(null);
        Deque<Schema> todo = new ArrayDeque<>();
        FilterUtil.applyFilter(new OASFilter() {
            @Override
            public Schema filterSchema(Schema schema) {
                todo.add(schema);
                return schema;
            }
        }, openAPI);
        Map<String, Schema> kept = new TreeMap<>();
        while (!todo.isEmpty()) {
            Schema schema = todo.pop();
            String ref = schema.getRef();
            if (ref != null && ref.startsWith(SCHEMAS)) {
                String name = ref.substring(SCHEMAS.length());
                if (all.containsKey(name) && kept.put(name, all.get(name)) == null) {
                    todo.add(all.get(name));
                }
            }
            schema.getAll().values().forEach(value -> addSchemas(value, todo));
        }
        components.setSchemas(kept);
    }

    private static void addSchemas(Object value, Deque<Schema> todo) {
        if (value instanceof Schema schema) {
            todo.add(schema);
        } else if (value instanceof Collection<?> values) {
            values.forEach(v -> addSchemas(v, todo));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> addSchemas(v, todo));
        }
    }
}
