package com.spendportal.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every page form of the portal, found by reading the templates, refuses a post that is not a form (text/plain as
 * {@code <form enctype="text/plain">} sends it, JSON, no body at all) even from a logged-in admin holding the CSRF
 * cookie, and nothing in the database changes (DESIGN §9).
 */
@QuarkusTest
@Tag("h2-only") // the refusal comes before any SQL; the forms' queries run on both in the page tests
class PageFormCsrfTest {

    private static final Path TEMPLATES = Path.of("src", "main", "resources", "templates");
    private static final Pattern POST_FORM = Pattern.compile(
            "<form\\b[^>]*\\bmethod=\"post\"[^>]*\\baction=\"([^\"]+)\"|<form\\b[^>]*\\baction=\"([^\"]+)\"[^>]*\\bmethod=\"post\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EXPRESSION = Pattern.compile("\\{[^}]+}");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void noPageFormTakesAPostThatIsNotAForm() {
        long account = Api.createAccount(Api.uniqueName("csrf target"), null);
        Api.admin().body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"packageUsd\":\"100\"}")
                .put("/api/accounts/" + account + "/contract").then().statusCode(200);
        long channel = Api.admin().body("{\"kind\":\"EMAIL\",\"address\":\"csrf@example.com\"}")
                .post("/api/notification-channels").then().statusCode(201).extract().jsonPath().getLong("id");
        long token = Api.admin().body("{\"name\":\"" + Api.uniqueName("csrf") + "\",\"scope\":\"read\"}")
                .post("/api/tokens").then().statusCode(201).extract().jsonPath().getLong("id");
        long user = Api.admin().body("{\"username\":\"" + Api.uniqueName("csrf").replace(' ', '-')
                        + "\",\"password\":\"a-long-enough-password\",\"role\":\"viewer\"}")
                .post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
        Response centre = Browser.admin().post("/cost-centres", Map.of("name", Api.uniqueName("csrf centre")));
        assertEquals(303, centre.getStatusCode());
        long costCentre = Long.parseLong(centre.getHeader("Location").replaceAll(".*/", ""));
        Map<String, Long> ids = Map.of("accounts", account, "channels", channel, "tokens", token, "users", user,
                "cost-centres", costCentre);

        List<String> actions = postActions();
        assertTrue(actions.size() >= 15, "the templates' post forms were found: " + actions);
        Browser admin = Browser.admin();
        admin.csrf();
        List<String> failures = new ArrayList<>();
        for (String action : actions) {
            if (action.equals("/j_security_check")) {
                continue; // the login form: Quarkus' form authentication, not a page route (BadInputTest checks its token)
            }
            String path = withIds(action, ids);
            for (Map.Entry<String, Function<RequestSpecification, RequestSpecification>> body : bodies().entrySet()) {
                Map<String, String> before = database();
                Response response = body.getValue().apply(admin.request()).post(path);
                int status = response.getStatusCode();
                if (status != 400 && status != 415) {
                    failures.add("POST " + path + " with " + body.getKey() + " answered " + status);
                }
                Map<String, String> after = database();
                for (String table : before.keySet()) {
                    if (!before.get(table).equals(after.get(table))) {
                        failures.add("POST " + path + " with " + body.getKey() + " changed table " + table);
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(200, admin.get("/").getStatusCode(), "the admin is still logged in");
    }

    @Test
    void aFormWithItsTokenStillWorks() {
        long account = Api.createAccount(Api.uniqueName("csrf kept"), null);
        Browser admin = Browser.admin();
        Response deleted = admin.post("/accounts/" + account + "/delete", Map.of());
        assertEquals(303, deleted.getStatusCode());
        Api.admin().get("/api/accounts/" + account).then().statusCode(404);
    }

    private static Map<String, Function<RequestSpecification, RequestSpecification>> bodies() {
        Map<String, Function<RequestSpecification, RequestSpecification>> bodies = new TreeMap<>();
        bodies.put("text/plain", r -> r.contentType("text/plain").body("x=1"));
        bodies.put("no body", r -> r);
        bodies.put("JSON", r -> r.contentType("application/json").body("{\"name\":\"x\",\"kind\":\"EMAIL\"}"));
        return bodies;
    }

    /** The action of every {@code <form method="post">} in the templates. */
    static List<String> postActions() {
        TreeSet<String> actions = new TreeSet<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = POST_FORM.matcher(Files.readString(file));
                while (m.find()) {
                    actions.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(actions);
    }

    /** Replaces each template expression of an action by the id of the thing the path segment before it names. */
    private static String withIds(String action, Map<String, Long> ids) {
        Matcher m = EXPRESSION.matcher(action);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String before = action.substring(0, m.start());
            String segment = before.substring(before.lastIndexOf('/', before.length() - 2) + 1, before.length() - 1);
            Long id = ids.get(segment);
            if (id == null) {
                fail("no test object for the form action " + action + " (segment '" + segment + "')");
            }
            m.appendReplacement(path, String.valueOf(id));
        }
        m.appendTail(path);
        return path.toString();
    }

    /** Every table's rows as text, to see that nothing changed. */
    private Map<String, String> database() {
        Map<String, String> tables = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema != null && (schema.equalsIgnoreCase("public"))) {
                        names.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            assertFalse(names.isEmpty(), "the portal's tables were found");
            for (String name : names) {
                StringBuilder rows = new StringBuilder();
                List<String> lines = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + name + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder line = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            line.append(rs.getString(i)).append('|');
                        }
                        lines.add(line.toString());
                    }
                }
                lines.stream().sorted().forEach(l -> rows.append(l).append('\n'));
                tables.put(name, rows.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return tables;
    }
}
