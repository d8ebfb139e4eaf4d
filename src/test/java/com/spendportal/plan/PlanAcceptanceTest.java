package com.spendportal.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.spendportal.statements.ContractModel;
import com.spendportal.statements.ContractTerms;
import com.spendportal.statements.UsageRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Every worked plan case in {@code src/test/resources/plan-acceptance}, in the style of {@code ../shared/acceptance}:
 * a contract, usage, the inputs as typed and the expected plan, field by field, by decimal value. A field absent from
 * {@code expected} is not checked; options are compared in order. The cases also run through the API
 * ({@code PlanApiTest}).
 */
@Tag("h2-only") // no database: the plan engine on values
public class PlanAcceptanceTest {

    public static final Path CASES = Path.of("src", "test", "resources", "plan-acceptance");

    public static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .addModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    public static List<Path> files() throws IOException {
        try (Stream<Path> listing = Files.list(CASES)) {
            return listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPlanCase() throws IOException {
        List<Path> files = files();
        assertFalse(files.isEmpty());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        LocalDate asOf = LocalDate.parse(root.get("asOf").asText());
        JsonNode in = root.path("inputs");
        PlanInputs.Parsed parsed = PlanInputs.parse(new PlanInputs.Text(text(in, "lookbackMonths"), text(in, "growthPct"),
                text(in, "packageRate"), text(in, "packageSizes"), text(in, "topUpRate"), asOf.toString()), asOf);
        assertTrue(parsed.ok(), parsed.errors().toString());
        Plan plan = PlanCalculator.compute(terms(root.get("contract")), usage(root.get("usage")), parsed.inputs(), 1);
        JsonNode actual = JSON.valueToTree(plan);
        assertPlan(root.get("name").asText(), root.get("expected"), actual);
    }

    /** Compares a plan in its JSON shape (the engine's, or the API's answer) with a case's {@code expected}. */
    public static void assertPlan(String name, JsonNode expected, JsonNode actual) {
        assertList(name + " basisMonths", expected.get("basisMonths"), actual.get("basisMonths"));
        assertList(name + " options", expected.get("options"), actual.get("options"));
        if (expected.has("breakEven")) {
            assertList(name + " breakEven", expected.get("breakEven"), actual.get("breakEven"));
        }
        if (expected.has("recommended")) {
            assertEquals(expected.get("recommended").isNull() ? null : expected.get("recommended").asText(),
                    actual.get("recommended") == null || actual.get("recommended").isNull() ? null
                            : actual.get("recommended").asText(), name + " recommended");
        }
        if (expected.has("missing") && expected.get("missing").isNull()) {
            assertTrue(actual.get("missing") == null || actual.get("missing").isNull(), name + " missing: " + actual.get("missing"));
        }
        if (expected.has("missingContains")) {
            assertNotNull(actual.get("missing"), name + " missing");
            assertTrue(actual.get("missing").asText().contains(expected.get("missingContains").asText()),
                    name + " missing: " + actual.get("missing"));
        }
    }

    private static void assertList(String what, JsonNode expected, JsonNode actual) {
        assertNotNull(actual, what);
        assertEquals(expected.size(), actual.size(), what + ": how many (" + actual + ")");
        for (int i = 0; i < expected.size(); i++) {
            Iterator<Map.Entry<String, JsonNode>> fields = expected.get(i).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = actual.get(i).get(field.getKey());
                String where = what + " #" + (i + 1) + " " + field.getKey();
                if (field.getValue().isNull()) {
                    assertTrue(value == null || value.isNull(), where + ": " + value);
                } else if (field.getValue().isNumber() || isDecimal(field.getValue().asText())) {
                    assertNotNull(value, where);
                    assertEquals(0, new BigDecimal(field.getValue().asText()).compareTo(new BigDecimal(value.asText())),
                            where + ": expected " + field.getValue().asText() + ", was " + value.asText());
                } else {
                    assertEquals(field.getValue().asText(), value == null ? null : value.asText(), where);
                }
            }
        }
    }

    private static boolean isDecimal(String text) {
        return text.matches("-?\\d+(\\.\\d+)?");
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asText() : null;
    }

    public static ContractTerms terms(JsonNode c) {
        if (c == null || c.isNull()) {
            return null;
        }
        ContractModel model = ContractModel.valueOf(c.get("model").asText());
        LocalDate start = LocalDate.parse(c.get("startDate").asText());
        int term = c.get("termMonths").asInt();
        return model == ContractModel.USAGE_BASED
                ? ContractTerms.usageBased(start, term, dec(c, "mmcUsd"), dec(c, "contractRatePerSecond"),
                        dec(c, "includedSecondsPerMonth"), dec(c, "includedUsdPerMonth"), dec(c, "overageRatePerSecond"))
                : ContractTerms.dollarPackage(start, term, dec(c, "packageUsd"), dec(c, "contractRatePerSecond"));
    }

    private static BigDecimal dec(JsonNode node, String field) {
        return node.has(field) && !node.get(field).isNull() ? new BigDecimal(node.get(field).asText()) : null;
    }

    private static List<UsageRecord> usage(JsonNode list) {
        List<UsageRecord> records = new ArrayList<>();
        for (JsonNode r : list) {
            records.add(new UsageRecord(YearMonth.parse(r.get("month").asText()), r.path("product").asText(""),
                    dec(r, "seconds"), dec(r, "usd")));
        }
        return records;
    }
}
