package com.spendportal.api;

import io.smallrye.openapi.api.util.FilterUtil;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Keeps {@code /q/openapi} to the JSON API (the pages are no API) and gives every operation the shared error
 * answers declared in {@code package-info.java}, so that a new route is documented without repeating them:
 * 401 and 403 always, 404 where the path names something, 400 where the request carries input.
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
            Map.entry("AccountJson", List.of("apiKeyLast4", "lowBalanceThresholdUsd", "contract", "latestSnapshot", "lastRefresh")),
            Map.entry("ContractJson", List.of("mmcUsd", "contractRatePerSecond", "includedSecondsPerMonth", "includedUsdPerMonth",
                    "overageRatePerSecond", "packageUsd", "updatedAt", "updatedBy")),
            Map.entry("SnapshotJson", List.of("billingType", "currency", "remainingBalance", "autoReloadEnabled",
                    "autoReloadThresholdUsd", "autoReloadAmountUsd", "spendingCurrentUsd", "spendingCapUsd", "subscriptionPlan")),
            Map.entry("LastRefresh", List.of("errorCode", "error")),
            Map.entry("UsageJson", List.of("seconds", "usd")),
            Map.entry("UsageImported", List.of("seconds", "usd")),
            Map.entry("AlertJson", List.of("accountName", "resolvedAt")),
            Map.entry("EntryJson", List.of("actor", "via", "target", "detail")),
            Map.entry("TokenJson", List.of("expiresAt", "lastUsedAt")),
            Map.entry("CreatedJson", List.of("expiresAt")),
            Map.entry("DeliveryJson", List.of("nextAttemptAt")),
            Map.entry("UsageBasedMonth", List.of("utilizationPct")),
            Map.entry("PackageMonth", List.of("drawdownUsd", "cumulativeDrawdownUsd", "remainingUsd", "consumedPct",
                    "walletDrawdownUsd", "topUpsUsd")),
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
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
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
        Schema entry = schemas.get("EntryJson");
        if (entry != null && entry.getProperties() != null && entry.getProperties().containsKey("detail")) {
            // a JsonNode is no schema: detail is an object of any fields (a changed field as {"old": ..., "new": ...})
            Schema detail = entry.getProperties().get("detail");
            entry.addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT, Schema.SchemaType.NULL))
                    .additionalPropertiesBoolean(true).description(detail.getDescription()));
        }
        keepReferencedSchemas(openAPI);
        nullable(openAPI, List.of("UsageBasedMonth", "PackageMonth"), List.of("invoicedUsd", "differenceUsd"));
    }

    /**
     * The statement engine's records carry no OpenAPI annotations (the engines are plain Java): the fields that are
     * null until something is recorded are declared nullable here.
     */
    private static void nullable(OpenAPI openAPI, List<String> schemas, List<String> properties) {
        Map<String, Schema> all = openAPI.getComponents() == null ? null : openAPI.getComponents().getSchemas();
        if (all == null) {
            return;
        }
        for (String name : schemas) {
            Schema schema = all.get(name);
            if (schema == null || schema.getProperties() == null) {
                continue;
            }
            for (String property : properties) {
                Schema field = schema.getProperties().get(property);
                if (field != null && field.getRef() == null && field.getType() != null
                        && !field.getType().contains(Schema.SchemaType.NULL)) {
                    field.addType(Schema.SchemaType.NULL);
                }
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
