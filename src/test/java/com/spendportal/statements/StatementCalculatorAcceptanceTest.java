package com.spendportal.statements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.spendportal.usage.UsageImport;
import com.spendportal.usage.UsageLine;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every worked case in {@code ../shared/acceptance} (relative to the project root, where Maven
 * runs the tests) through the statement engine and compares every expected field, by decimal value.
 * A file dropped into that folder is picked up with no code change.
 */
@Tag("h2-only") // no database: the statement engine on values
class StatementCalculatorAcceptanceTest {

    private static final Path CASES = Path.of("..", "shared", "acceptance");

    // Numbers are read from their JSON text as BigDecimal, never through a double.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private static final Set<String> CONTRACT_FIELDS = Set.of("model", "startDate", "termMonths", "mmcUsd",
            "contractRatePerSecond", "includedSecondsPerMonth", "includedUsdPerMonth", "overageRatePerSecond",
            "packageUsd");
    private static final Set<String> USAGE_FIELDS = Set.of("month", "date", "seconds", "usd", "product");
    private static final Set<String> SNAPSHOT_FIELDS = Set.of("fetchedAt", "remainingBalance", "currency");

    @TestFactory
    Stream<DynamicTest> everyAcceptanceCase() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(CASES)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no *.json acceptance case in " + CASES.toAbsolutePath().normalize());
        return files.stream().map(file ->
                DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private static void check(Path file) throws IOException, ReflectiveOperationException {
        JsonNode root = JSON.readTree(file.toFile());
        String name = root.path("name").asText(file.getFileName().toString());
        List<UsageRecord> usage = usage(name, root.path("usage"));
        Statement statement = StatementCalculator.compute(
                terms(name, required(name, root, "contract")),
                usage,
                snapshots(name, root.path("walletSnapshots")),
                LocalDate.parse(required(name, root, "asOf").asText()));
        JsonNode expected = required(name, root, "expected");

        JsonNode months = required(name, expected, "months");
        List<? extends Record> rows = statement.months();
        assertEquals(months.size(), rows.size(), name + ": number of months");
        for (int i = 0; i < months.size(); i++) {
            assertFields(name + ", month " + months.get(i).path("month").asText("#" + (i + 1)), months.get(i),
                    rows.get(i));
            if (rows.get(i) instanceof UsageBasedMonth row) {
                // The cases read no job list (DESIGN §18 came later): a month's usage is its records, or none
                boolean recorded = usage.stream().anyMatch(r -> r.month().equals(row.month()));
                assertEquals(recorded ? UsageSource.RECORDS : UsageSource.NONE, row.usageSource(), name + ", " + row.month());
            }
        }
        assertFields(name + ", totals", required(name, expected, "totals"), statement.totals());
        JsonNode forecast = expected.get("forecast");
        if (forecast == null || forecast.isNull()) {
            assertEquals(null, statement.forecast(), name + ", forecast: expected none");
        } else {
            assertNotNull(statement.forecast(), name + ", forecast: expected one, got none");
            assertFields(name + ", forecast", forecast, statement.forecast());
        }
    }

    private static ContractTerms terms(String name, JsonNode contract) {
        knownFields(name + ", contract", contract, CONTRACT_FIELDS);
        return new ContractTerms(
                ContractModel.valueOf(required(name, contract, "model").asText()),
                LocalDate.parse(required(name, contract, "startDate").asText()),
                required(name, contract, "termMonths").asInt(),
                decimal(contract.get("mmcUsd")),
                decimal(contract.get("contractRatePerSecond")),
                decimal(contract.get("includedSecondsPerMonth")),
                decimal(contract.get("includedUsdPerMonth")),
                decimal(contract.get("overageRatePerSecond")),
                decimal(contract.get("packageUsd")));
    }

    /** Entries become import lines and are aggregated exactly as an import of them would be. */
    private static List<UsageRecord> usage(String name, JsonNode entries) {
        List<UsageLine> lines = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            knownFields(name + ", usage #" + (i + 1), e, USAGE_FIELDS);
            YearMonth month = e.hasNonNull("month") ? YearMonth.parse(e.get("month").asText())
                    : YearMonth.from(LocalDate.parse(required(name, e, "date").asText()));
            lines.add(new UsageLine(i + 1, month, e.path("product").asText(""), decimal(e.get("seconds")),
                    decimal(e.get("usd"))));
        }
        return UsageImport.aggregate(lines);
    }

    /** Backfilled snapshots are in usd unless the case says otherwise. */
    private static List<BalanceSnapshot> snapshots(String name, JsonNode entries) {
        List<BalanceSnapshot> snapshots = new ArrayList<>();
        for (JsonNode e : entries) {
            knownFields(name + ", walletSnapshots", e, SNAPSHOT_FIELDS);
            snapshots.add(new BalanceSnapshot(Instant.parse(required(name, e, "fetchedAt").asText()),
                    e.path("currency").asText("usd"), decimal(e.get("remainingBalance"))));
        }
        return snapshots;
    }

    /**
     * Every field of the result record against {@code expected}: a field absent or null there must
     * be null here, and {@code expected} may name no field the result lacks.
     */
    private static void assertFields(String where, JsonNode expected, Record actual) throws ReflectiveOperationException {
        RecordComponent[] components = actual.getClass().getRecordComponents();
        Set<String> names = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
        knownFields(where, expected, names);
        for (RecordComponent component : components) {
            Object value = component.getAccessor().invoke(actual);
            JsonNode wanted = expected.get(component.getName());
            String field = where + ", field " + component.getName();
            if (wanted == null && component.getName().equals("reconciliation")) {
                // The cases record no invoice (DESIGN §16 came later): every month is OPEN.
                assertEquals(Reconciliation.OPEN, value, field);
            } else if (wanted == null && component.getName().equals("usageSource")) {
                continue; // checked against the case's records in check()
            } else if (wanted == null || wanted.isNull()) {
                if (value != null) {
                    fail(field + ": expected null but was " + value);
                }
            } else {
                assertValue(field, wanted, value);
            }
        }
    }

    private static void assertValue(String field, JsonNode wanted, Object actual) {
        if (actual == null) {
            fail(field + ": expected " + wanted + " but was null");
        } else if (actual instanceof BigDecimal decimal) {
            BigDecimal expected = decimal(wanted);
            if (expected.compareTo(decimal) != 0) {
                fail(field + ": expected " + expected.toPlainString() + " but was " + decimal.toPlainString());
            }
        } else if (actual instanceof Integer number) {
            assertEquals(decimal(wanted).intValueExact(), number, field);
        } else if (actual instanceof List<?> list) {
            assertEquals(wanted.size(), list.size(), field + ": number of elements");
            for (int i = 0; i < list.size(); i++) {
                assertValue(field + "[" + i + "]", wanted.get(i), list.get(i));
            }
        } else if (actual instanceof YearMonth || actual instanceof Enum<?>) {
            assertEquals(wanted.asText(), actual.toString(), field);
        } else {
            fail(field + ": cannot compare a " + actual.getClass().getSimpleName());
        }
    }

    private static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText());
    }

    private static JsonNode required(String name, JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            fail(name + ": missing '" + field + "'");
        }
        return node;
    }

    /** A field this test does not know would otherwise be silently ignored. */
    private static void knownFields(String where, JsonNode node, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                fail(where + ": unknown field '" + field + "'");
            }
        }
    }
}
