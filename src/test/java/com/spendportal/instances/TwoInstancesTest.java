package com.spendportal.instances;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.spendportal.support.HeyGenWireMock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two instances of the packaged PostgreSQL build on one database behave as one portal (DESIGN
 * §10): what one stores the other reads, a logout on one ends the session on the other at once,
 * failed logins on one lock the name on the other, each wallet and each job list is read once per interval, and
 * after {@code kill -9} of one instance in the middle of a read the other takes its accounts over.
 * The monthly statement mail goes out once though both check, and so do a cost centre's budget alerts and showback
 * mail to its owner; a third process started on the same database (a restart, as far as the database can tell) sends
 * none of them again. A start with a secret key of the wrong size is
 * refused, naming the setting.
 *
 * <p>Runs on the PostgreSQL suite (docs/architecture.md), as real processes of
 * {@code target/quarkus-app-postgresql}, which Maven builds before the tests, against a database
 * of their own on the suite's PostgreSQL and a WireMock HeyGen. Instance A reads HeyGen under
 * {@code /a}, B under {@code /b}, so every read tells which instance made it.
 */
@EnabledIfSystemProperty(named = "quarkus.datasource.db-kind", matches = "postgresql")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTest {

    private static final Path JAR = Path.of("target", "quarkus-app-postgresql", "quarkus-run.jar");
    private static final Path HOME = Path.of("target", "two-instances");
    private static final Duration INTERVAL = Duration.ofSeconds(6);
    /** Longer than a read in {@link #theSurvivorOfAKillInTheMiddleOfAReadPollsEveryAccount} (3 s). */
    private static final Duration LEASE = Duration.ofSeconds(5);
    /** How often each instance checks for alerts and statement mails, and looks for queued deliveries to send. */
    private static final Duration CHECK = Duration.ofSeconds(1);
    /** After a mail, four more checks of each instance: a second sender would have sent by then. */
    private static final Duration FOUR_CHECKS = CHECK.multipliedBy(4);
    private static final String USERS_ME = HeyGenWireMock.USERS_ME;
    private static final String VIDEOS = "/v3/videos";
    private static final String PASSWORD = "two-instances-admin-pw";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static WireMockServer heygen;
    private static String databaseUrl;
    private static String secretKey;
    private static String sessionKey;
    private static Instance a;
    private static Instance b;
    private static Instance c;
    private static final List<String> keys = new ArrayList<>();

    /** One portal process. */
    record Instance(String name, int port, Process process, Path log) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }

    @BeforeAll
    static void startTwoInstances() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by Maven before the tests (the postgresql-build execution)");
        String base = System.getProperty("quarkus.datasource.jdbc.url");
        String name = "two_instances_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection connection = DriverManager.getConnection(base, user(), password());
                Statement create = connection.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        }
        databaseUrl = base.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        heygen = new WireMockServer(options().dynamicPort());
        heygen.start();
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        secretKey = Base64.getEncoder().encodeToString(key);
        random.nextBytes(key);
        sessionKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        a = start("a", secretKey);
        b = start("b", secretKey);
        for (Instance instance : List.of(a, b)) {
            boolean ready = await(Duration.ofSeconds(90), () -> !instance.process.isAlive() || status(instance, "/q/health/ready") == 200);
            assertTrue(ready && instance.process.isAlive(), "instance " + instance.name + " did not start:\n" + instance.output());
        }
    }

    @AfterAll
    static void stop() {
        for (Instance instance : new Instance[] {a, b, c}) {
            if (instance != null) {
                instance.process.destroyForcibly();
            }
        }
        if (heygen != null) {
            heygen.stop();
        }
    }

    private static Instance start(String name, String secret) throws IOException {
        Path dir = Files.createDirectories(HOME.resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8)));
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + databaseUrl, "-Dquarkus.datasource.username=" + user(),
                "-Dquarkus.datasource.password=" + password(), "-Dportal.data-dir=" + dir.toAbsolutePath(),
                "-Dportal.secret-key=" + secret, "-Dquarkus.http.auth.session.encryption-key=" + sessionKey,
                "-Dportal.admin.password=" + PASSWORD, "-Dheygen.base-url=http://localhost:" + heygen.port() + "/" + name,
                "-Dportal.wallet.poll-interval=" + INTERVAL.toSeconds() + "s", "-Dportal.wallet.poll-tick=1s",
                "-Dportal.wallet.claim-lease=" + LEASE.toSeconds() + "s", "-Dportal.jobs.poll-interval=" + INTERVAL.toSeconds() + "s",
                "-Dportal.jobs.poll-tick=1s", "-Dportal.alerts.check-interval=" + CHECK.toSeconds() + "s",
                "-Dportal.statements.check-interval=" + CHECK.toSeconds() + "s", "-Dportal.alerts.delivery-tick=" + CHECK.toSeconds() + "s",
                "-Dportal.statements.send-at=00:00", "-jar", JAR.toAbsolutePath().toString()));
        Path log = dir.resolve("portal.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Instance(name, port, process, log);
    }

    @Test
    @Order(1)
    void whatOneInstanceStoresTheOtherReads() throws Exception {
        long id = createAccount(a, null);
        call(a, "PUT", "/api/accounts/" + id + "/contract", basic("admin", PASSWORD), "{\"model\":\"USAGE_BASED\","
                + "\"startDate\":\"2026-01-01\",\"termMonths\":12,\"mmcUsd\":\"5000\",\"contractRatePerSecond\":\"0.0075\","
                + "\"includedSecondsPerMonth\":\"600000\",\"overageRatePerSecond\":\"0.00833\"}", 200);
        call(b, "POST", "/api/accounts/" + id + "/usage", basic("admin", PASSWORD),
                "[{\"month\":\"2026-01\",\"seconds\":\"700000\"},{\"month\":\"2026-02\",\"seconds\":\"650000.5\"}]", 200);
        String path = "/api/accounts/" + id + "/statement?asOf=2026-03-15";
        String throughA = call(a, "GET", path, basic("admin", PASSWORD), null, 200).body();
        String throughB = call(b, "GET", path, basic("admin", PASSWORD), null, 200).body();
        assertEquals(throughA, throughB, "the same statement through either instance");
        assertTrue(throughA.contains("833.00"), "January's overage of 100,000 s at $0.00833: " + throughA);
        // the account page, cached per instance, shows a change made on the other at once
        call(a, "POST", "/api/accounts/" + id + "/usage", basic("admin", PASSWORD), "[{\"month\":\"2026-01\",\"seconds\":\"800000\"}]", 200);
        assertTrue(call(b, "GET", path, basic("admin", PASSWORD), null, 200).body().contains("1666.00"));
    }

    @Test
    @Order(2)
    void aLogoutOnOneInstanceEndsTheSessionOnTheOtherAtOnce() throws Exception {
        Map<String, String> cookies = login(a, "admin", PASSWORD);
        assertEquals(200, page(b, "/", cookies).statusCode(), "a session from A works on B");
        HttpResponse<String> dashboard = page(a, "/", cookies);
        String token = csrf(dashboard.body());
        HttpResponse<String> logout = form(a, "/logout", cookies, Map.of("csrf-token", token));
        assertEquals(303, logout.statusCode(), logout.body());
        long loggedOut = System.nanoTime();
        HttpResponse<String> replay = page(b, "/", cookies);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loggedOut);
        assertEquals(302, replay.statusCode(), "the same cookies on B after logging out on A");
        assertTrue(replay.headers().firstValue("Location").orElse("").contains("/login"));
        assertTrue(millis < 1_000, "refused within a second, took " + millis + " ms");
    }

    @Test
    @Order(3)
    void failedLoginsOnOneInstanceLockTheNameOnTheOther() throws Exception {
        Map<String, String> admin = login(a, "admin", PASSWORD);
        String username = "lock" + UUID.randomUUID().toString().substring(0, 8);
        String token = csrf(page(a, "/users", admin).body());
        assertEquals(303, form(a, "/users", admin, Map.of("csrf-token", token, "username", username,
                "password", "viewer-password-1", "role", "viewer")).statusCode());
        call(b, "GET", "/api/accounts", basic(username, "viewer-password-1"), null, 200);
        for (int i = 0; i < 5; i++) {
            call(a, "GET", "/api/accounts", basic(username, "wrong-password-" + i), null, 401);
        }
        call(b, "GET", "/api/accounts", basic(username, "viewer-password-1"), null, 401);
    }

    @Test
    @Order(4)
    void aSpendSpikeIsSentOnceThoughBothInstancesCheck() throws Exception {
        long id = createAccount(a, null);
        String name = new com.fasterxml.jackson.databind.ObjectMapper().readTree(call(a, "GET", "/api/accounts/" + id,
                basic("admin", PASSWORD), null, 200).body()).path("name").asText();
        call(a, "POST", "/api/notification-channels", basic("admin", PASSWORD),
                "{\"kind\":\"EMAIL\",\"address\":\"spikes@example.com\"}", 201);
        // 30 days of about $100 a day, then $4,000 gone by midnight today: backfilled through B.
        StringBuilder body = new StringBuilder("[");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        java.math.BigDecimal balance = new java.math.BigDecimal("100000.00");
        for (java.time.LocalDate d = today.minusDays(30); d.isBefore(today); d = d.plusDays(1)) {
            for (int hour = 0; hour < 24; hour += 2) {
                balance = balance.subtract(new java.math.BigDecimal(hour % 4 == 0 ? "8.00" : "9.50"));
                body.append(body.length() > 1 ? "," : "").append("{\"fetchedAt\":\"")
                        .append(d.atStartOfDay(java.time.ZoneOffset.UTC).plusHours(hour).toInstant())
                        .append("\",\"remainingBalance\":\"").append(balance).append("\"}");
            }
        }
        body.append(",{\"fetchedAt\":\"").append(today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant())
                .append("\",\"remainingBalance\":\"").append(balance.subtract(new java.math.BigDecimal("4000.00"))).append("\"}]");
        call(b, "POST", "/api/accounts/" + id + "/wallet-snapshots", basic("admin", PASSWORD), body.toString(), 200);
        String subject = "SPEND_SPIKE firing: " + name;
        java.util.function.IntSupplier sent = () -> (int) java.util.stream.Stream.of(a, b)
                .flatMap(instance -> instance.output().lines()).filter(line -> line.contains(subject)).count();
        assertTrue(await(Duration.ofSeconds(40), () -> sent.getAsInt() > 0), "the spike was mailed");
        Thread.sleep(FOUR_CHECKS.toMillis()); // both instances check meanwhile
        assertEquals(1, sent.getAsInt(), "mailed once, by one of the two instances");
        com.fasterxml.jackson.databind.JsonNode alerts = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                call(b, "GET", "/api/alerts", basic("admin", PASSWORD), null, 200).body());
        int spikes = 0;
        for (com.fasterxml.jackson.databind.JsonNode alert : alerts) {
            if (alert.path("accountId").asLong() == id && "SPEND_SPIKE".equals(alert.path("type").asText())) {
                spikes++;
                assertEquals(today.toString(), alert.path("message").asText().substring(15, 25), alert.toString());
            }
        }
        assertEquals(1, spikes, alerts.toString());
    }

    /** The month's statement mail as the log shows it (no SMTP here), per instance. */
    private static final String STATEMENTS_SUBJECT = "subject \"[Spend Portal] Statements for " + java.time.format.DateTimeFormatter
            .ofPattern("MMMM yyyy", java.util.Locale.US).format(java.time.YearMonth.now(java.time.ZoneOffset.UTC).minusMonths(1)) + "\"";

    private static long statementMails(Instance instance) {
        return instance.output().lines().filter(line -> line.contains(STATEMENTS_SUBJECT) && line.contains("statements@example.com")).count();
    }

    @Test
    @Order(5)
    void theMonthlyStatementMailGoesOutOnceThoughBothInstancesCheck() throws Exception {
        // send-at 00:00: last month is due all this month, and both instances look every CHECK
        call(b, "POST", "/api/notification-channels", basic("admin", PASSWORD),
                "{\"kind\":\"EMAIL\",\"address\":\"statements@example.com\",\"statements\":true}", 201);
        assertTrue(await(Duration.ofSeconds(40), () -> statementMails(a) + statementMails(b) > 0), "the statements were mailed");
        Thread.sleep(FOUR_CHECKS.toMillis());
        assertEquals(1, statementMails(a) + statementMails(b), "mailed once, by one of the two instances");
    }

    /** A cost centre's budget alerts and its showback mail to its owner, as the log shows them (no SMTP here). */
    private static long ownerMails(Instance instance, String subject) {
        return instance.output().lines().filter(line -> line.contains("E-mail to " + OWNER + " ") && line.contains(subject)).count();
    }

    private static final String OWNER = "centre-owner@example.com";
    private static String centreName;

    @Test
    @Order(6)
    void aCentresBudgetAlertsAndShowbackMailGoToItsOwnerOnceThoughBothInstancesCheck() throws Exception {
        java.time.YearMonth now = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
        long id = createAccount(a, null);
        call(a, "PUT", "/api/accounts/" + id + "/contract", basic("admin", PASSWORD), "{\"model\":\"DOLLAR_PACKAGE\","
                + "\"startDate\":\"" + now.minusMonths(1).atDay(1) + "\",\"termMonths\":12,\"packageUsd\":\"50000.00\"}", 200);
        call(b, "POST", "/api/accounts/" + id + "/usage", basic("admin", PASSWORD), "[{\"month\":\"" + now.minusMonths(1)
                + "\",\"usd\":\"50.00\"},{\"month\":\"" + now + "\",\"usd\":\"120.00\"}]", 200);
        centreName = "Centre " + UUID.randomUUID().toString().substring(0, 8);
        // $120.00 of a $100.00 budget, and a projection at least that: BUDGET_80, BUDGET_100 and BUDGET_PROJECTED
        call(b, "POST", "/api/cost-centres", basic("admin", PASSWORD), "{\"name\":\"" + centreName + "\",\"ownerEmail\":\""
                + OWNER + "\",\"monthlyBudgetUsd\":100,\"members\":[{\"accountId\":" + id + "}]}", 201);
        List<String> subjects = List.of("BUDGET_80", "BUDGET_100", "BUDGET_PROJECTED").stream()
                .map(type -> "subject \"[Spend Portal] " + type + " firing: cost centre " + centreName + "\"").toList();
        String showback = "subject \"[Spend Portal] Showback for " + java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy",
                java.util.Locale.US).format(now.minusMonths(1)) + ": " + centreName + "\"";
        java.util.function.ToLongFunction<String> sent = subject -> ownerMails(a, subject) + ownerMails(b, subject);
        assertTrue(await(Duration.ofSeconds(40), () -> subjects.stream().allMatch(subject -> sent.applyAsLong(subject) > 0)
                && sent.applyAsLong(showback) > 0), "the owner was told:\n" + a.output() + b.output());
        Thread.sleep(FOUR_CHECKS.toMillis()); // both instances check meanwhile
        for (String subject : subjects) {
            assertEquals(1, sent.applyAsLong(subject), "mailed once to the owner: " + subject);
        }
        assertEquals(1, sent.applyAsLong(showback), "last month's showback mailed once");
        com.fasterxml.jackson.databind.JsonNode alerts = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                call(a, "GET", "/api/alerts", basic("admin", PASSWORD), null, 200).body());
        int budget = 0;
        for (com.fasterxml.jackson.databind.JsonNode alert : alerts) {
            budget += centreName.equals(alert.path("costCentreName").asText()) ? 1 : 0;
        }
        assertEquals(3, budget, alerts.toString());
    }

    @Test
    @Order(7)
    void aRestartSendsTheMonthsStatementsNoMore() throws Exception {
        c = start("c", secretKey);
        assertTrue(await(Duration.ofSeconds(90), () -> !c.process.isAlive() || status(c, "/q/health/ready") == 200)
                && c.process.isAlive(), "instance c did not start:\n" + c.output());
        Thread.sleep(FOUR_CHECKS.toMillis()); // four statement checks of the new instance
        assertEquals(0, statementMails(c), c.output());
        assertEquals(1, statementMails(a) + statementMails(b));
        assertEquals(0, c.output().lines().filter(line -> line.contains("E-mail to " + OWNER + " ")).count(),
                "no budget alert or showback mail from the new process: " + c.output());
        c.process.destroy();
        c.process.waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    @Order(8)
    void eachWalletAndEachJobListIsReadOncePerIntervalAcrossBothInstances() throws Exception {
        for (int i = 0; i < 3; i++) {
            String key = "sk_two_instances_" + UUID.randomUUID().toString().replace("-", "");
            heygen.stubFor(get(urlPathMatching("/[ab]" + USERS_ME)).withHeader("x-api-key", equalTo(key))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody(HeyGenWireMock.fixture("users-me-wallet-usd.json"))));
            heygen.stubFor(get(urlPathMatching("/[ab]" + VIDEOS)).withHeader("x-api-key", equalTo(key))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody(HeyGenWireMock.fixture("videos-page-last.json"))));
            keys.add(key);
            createAccount(i % 2 == 0 ? a : b, key);
        }
        Thread.sleep(INTERVAL.toMillis() + 2_000); // every account read once and settled into the interval
        heygen.resetRequests();
        Duration window = INTERVAL.multipliedBy(3);
        Thread.sleep(window.toMillis());
        Map<String, Integer> reads = new LinkedHashMap<>();
        Map<String, Integer> listReads = new LinkedHashMap<>();
        int byA = 0;
        int byB = 0;
        for (String key : keys) {
            int fromA = reads(a, key);
            int fromB = reads(b, key);
            byA += fromA;
            byB += fromB;
            reads.put(key.substring(key.length() - 6), fromA + fromB);
            listReads.put(key.substring(key.length() - 6), listReads(a, key) + listReads(b, key));
        }
        System.out.printf("two instances, %d s: reads per account %s (A %d, B %d); job list reads %s%n", window.toSeconds(),
                reads, byA, byB, listReads);
        for (int count : reads.values()) {
            // 3 intervals: 3 reads (2 to 4 with the tick's timing); 6 if both instances read every account
            assertTrue(count >= 2 && count <= 4, "reads per account in " + window.toSeconds() + " s: " + reads);
        }
        for (int count : listReads.values()) {
            // the same for the job list (each sync here one page): a sync claims only an account nobody synced within
            // the interval, so the second instance's due list finds it taken
            assertTrue(count >= 2 && count <= 4, "job list reads per account in " + window.toSeconds() + " s: " + listReads);
        }
    }

    @Test
    @Order(9)
    void theSurvivorOfAKillInTheMiddleOfAReadPollsEveryAccount() throws Exception {
        // Every read now takes 3 s, so the instance that is reading is killed while HeyGen answers it.
        // Which of the two claims an account is up to their ticks, so the one caught reading is killed.
        for (String key : keys) {
            heygen.stubFor(get(urlPathMatching("/[ab]" + USERS_ME)).withHeader("x-api-key", equalTo(key))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withFixedDelay(3_000).withBody(HeyGenWireMock.fixture("users-me-wallet-usd.json"))));
        }
        heygen.resetRequests();
        String[] inFlight = new String[1];
        Instance[] reading = new Instance[1];
        assertTrue(await(Duration.ofSeconds(30), () -> {
            for (String key : keys) {
                for (Instance instance : List.of(a, b)) {
                    if (reads(instance, key) > 0) {
                        inFlight[0] = key;
                        reading[0] = instance;
                        return true;
                    }
                }
            }
            return false;
        }), "an instance started a read");
        Instance killed = reading[0];
        Instance survivor = killed == a ? b : a;
        killed.process.destroyForcibly(); // SIGKILL: no shutdown, its claim stays in the database
        killed.process.waitFor(10, TimeUnit.SECONDS);
        assertFalse(killed.process.isAlive());
        heygen.resetRequests();
        long killedAt = System.nanoTime();
        // The dead claim runs out after the lease; the account is overdue by then, so the survivor reads it at its next tick.
        assertTrue(await(LEASE.plus(INTERVAL).plusSeconds(10), () -> reads(survivor, inFlight[0]) > 0),
                survivor.name + " read the account " + killed.name + " was reading when it died");
        long tookOver = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
        assertTrue(await(INTERVAL.multipliedBy(2).plusSeconds(10), () -> keys.stream().allMatch(key -> reads(survivor, key) > 0)),
                survivor.name + " reads every account after " + killed.name + " died: "
                        + keys.stream().map(key -> reads(survivor, key)).toList());
        System.out.printf("after kill -9 of %s: %s read its account after %d s%n", killed.name, survivor.name, tookOver);
    }

    @Test
    @Order(10)
    void aSecretKeyOfTheWrongSizeStopsTheStartNamingIt() throws Exception {
        byte[] raw = new byte[35];
        new SecureRandom().nextBytes(raw);
        Instance bad = start("bad-key", Base64.getEncoder().encodeToString(raw));
        assertTrue(bad.process.waitFor(90, TimeUnit.SECONDS), "the start ends");
        assertTrue(bad.process.exitValue() != 0, "and fails");
        assertTrue(bad.output().contains("portal.secret-key decodes to 35 bytes; an AES key has 16, 24 or 32"), bad.output());
    }

    // ---- HTTP helpers

    private static String user() {
        return System.getProperty("quarkus.datasource.username");
    }

    private static String password() {
        return System.getProperty("quarkus.datasource.password");
    }

    private static int listReads(Instance instance, String key) {
        return heygen.findAll(getRequestedFor(urlPathMatching("/" + instance.name + VIDEOS)).withHeader("x-api-key", equalTo(key)))
                .size();
    }

    private static int reads(Instance instance, String key) {
        return heygen.findAll(getRequestedFor(urlEqualTo("/" + instance.name + USERS_ME)).withHeader("x-api-key", equalTo(key))).size();
    }

    private static long createAccount(Instance instance, String key) throws Exception {
        String body = "{\"name\":\"Two instances " + UUID.randomUUID().toString().substring(0, 8) + "\""
                + (key == null ? "" : ",\"apiKey\":\"" + key + "\"") + "}";
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(call(instance, "POST", "/api/accounts",
                basic("admin", PASSWORD), body, 201).body());
        assertTrue(id.find());
        return Long.parseLong(id.group(1));
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> call(Instance instance, String method, String path, String authorization, String json,
            int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Accept", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), method + " " + path + " on " + instance.name + ": " + response.body());
        return response;
    }

    private static int status(Instance instance, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(instance.uri(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Logs in through the form and returns the cookies a browser would keep. */
    private static Map<String, String> login(Instance instance, String username, String password) throws Exception {
        Map<String, String> cookies = new LinkedHashMap<>();
        page(instance, "/login", cookies); // the login form's CSRF cookie
        HttpResponse<String> response = send(instance, HttpRequest.newBuilder(instance.uri("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(Map.of("j_username", username, "j_password", password,
                        "csrf-token", cookies.get("portal-csrf"))))), cookies);
        assertEquals(302, response.statusCode());
        assertNotNull(cookies.get("portal-session"), "logged in: " + cookies.keySet());
        return cookies;
    }

    private static HttpResponse<String> page(Instance instance, String path, Map<String, String> cookies) throws Exception {
        return send(instance, HttpRequest.newBuilder(instance.uri(path)).GET(), cookies);
    }

    private static HttpResponse<String> form(Instance instance, String path, Map<String, String> cookies, Map<String, String> fields)
            throws Exception {
        return send(instance, HttpRequest.newBuilder(instance.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields))), cookies);
    }

    /** Sends with the cookies and keeps what the response sets, like a browser. */
    private static HttpResponse<String> send(Instance instance, HttpRequest.Builder request, Map<String, String> cookies)
            throws Exception {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        for (String set : response.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (value.isEmpty() || set.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return response;
    }

    private static String csrf(String html) {
        Matcher token = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(token.find(), "a CSRF token on the page");
        return token.group(1);
    }

    private static String encode(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static boolean await(Duration limit, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
