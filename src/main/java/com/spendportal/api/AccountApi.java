package com.spendportal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.spendportal.accounts.Account;
import com.spendportal.accounts.AccountInput;
import com.spendportal.accounts.Accounts;
import com.spendportal.accounts.ApiKeyCipher;
import com.spendportal.audit.Audit;
import com.spendportal.contracts.Contract;
import com.spendportal.contracts.ContractInput;
import com.spendportal.contracts.ContractService;
import com.spendportal.export.StatementCsv;
import com.spendportal.figures.AccountStatements;
import com.spendportal.statements.Statement;
import com.spendportal.statements.Statements;
import com.spendportal.usage.LineError;
import com.spendportal.usage.ParseResult;
import com.spendportal.usage.UsageCsv;
import com.spendportal.usage.UsageEntry;
import com.spendportal.usage.UsageImports;
import com.spendportal.usage.UsageLine;
import com.spendportal.wallet.WalletSnapshot;
import com.spendportal.web.ApiException;
import com.spendportal.web.Dates;
import com.spendportal.web.Decimals;
import com.spendportal.web.Downloads;
import com.spendportal.web.ErrorBody;
import com.spendportal.web.PatchBody;
import com.spendportal.web.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** JSON API for accounts and contract terms (HTTP Basic; DESIGN §7). */
@Path("/api/accounts")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class AccountApi {

    @Inject
    ApiKeyCipher cipher;

    @Inject
    ContractService contracts;

    @Inject
    SecurityIdentity identity;

    @Inject
    Audit audit;

    static Account account(long id) {
        Account account = Account.findById(id);
        if (account == null) {
            throw ApiException.notFound("No account with id " + id + ".");
        }
        return account;
    }

    static AccountJson json(Account account) {
        return AccountJson.of(account, Contract.findByAccount(account).orElse(null),
                WalletSnapshot.latestForAccount(account).orElse(null));
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public List<AccountJson> list() {
        List<Account> accounts = Account.listByName();
        Map<Long, Contract> byAccount = Contract.byAccountId();
        Map<Long, WalletSnapshot> latest = WalletSnapshot.latestOfEveryAccount();
        return accounts.stream().map(a -> AccountJson.of(a, byAccount.get(a.id), latest.get(a.id))).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public AccountJson get(@RestPath long id) {
        return json(account(id));
    }

    record CreateAccount(String name, String apiKey) {
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @APIResponse(responseCode = "201", description = "Created; Location is its address.",
            content = @Content(schema = @Schema(implementation = AccountJson.class)))
    public Response create(CreateAccount body) {
        if (body == null) {
            throw new ApiException(400, "invalid", "Send a JSON body {\"name\": ..., \"apiKey\": ...}.");
        }
        AccountInput input = new AccountInput(body.name(), body.apiKey());
        Map<String, String> errors = input.validate(null);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Account account = Accounts.create(input, cipher, audit);
        return Response.created(URI.create("/api/accounts/" + account.id)).entity(json(account)).build();
    }

    private static final List<String> CHANGEABLE = List.of("name", "apiKey", "lowBalanceThresholdUsd");

    /**
     * Changes only the fields sent: {@code name}, {@code apiKey} and {@code lowBalanceThresholdUsd};
     * JSON null disconnects the key or clears the threshold (DESIGN §12).
     */
    @PATCH
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ApiSchemas.AccountChanges.class)))
    public AccountJson update(@RestPath long id, JsonNode body) {
        Account account = account(id);
        Map<String, String> errors = PatchBody.check(body, CHANGEABLE);
        JsonNode name = body.get("name");
        if (name != null && !name.isTextual()) {
            errors.put("name", "Must be text.");
        }
        JsonNode apiKey = body.get("apiKey");
        if (apiKey != null && !apiKey.isNull() && (!apiKey.isTextual() || apiKey.textValue().isBlank())) {
            errors.put("apiKey", "Must be the key as text, or null to disconnect it.");
        }
        AccountInput input = new AccountInput(name != null && name.isTextual() ? name.textValue() : account.name,
                apiKey != null && apiKey.isTextual() ? apiKey.textValue() : null);
        input.validate(account.id).forEach(errors::putIfAbsent);
        JsonNode thresholdNode = body.get("lowBalanceThresholdUsd");
        BigDecimal threshold = account.lowBalanceThresholdUsd;
        if (thresholdNode != null) {
            threshold = null;
            if (!thresholdNode.isNull()) {
                Decimals.Parsed parsed = Decimals.parse(text(body, "lowBalanceThresholdUsd"), 2, 12, true, false);
                if (parsed.ok()) {
                    threshold = parsed.value().setScale(2);
                } else {
                    errors.put("lowBalanceThresholdUsd", parsed.error());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Accounts.Before before = Accounts.Before.of(account);
        account.name = input.trimmedName();
        account.lowBalanceThresholdUsd = threshold;
        if (input.hasApiKey()) {
            account.setApiKey(input.apiKey(), cipher);
        } else if (apiKey != null && apiKey.isNull()) {
            account.removeApiKey();
        }
        before.saved(account, audit);
        return json(account);
    }

    /** Deletes the account with its contract, usage and wallet history. */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @APIResponse(responseCode = "204", description = "Deleted, with its contract, usage and wallet history.")
    public Response delete(@RestPath long id) {
        Accounts.delete(account(id), audit);
        return Response.noContent().build();
    }

    /** One stored usage row: a month and product with the figures its imports gave. */
    @Schema(name = "Usage")
    record UsageJson(String month, String product, String kind, BigDecimal seconds, BigDecimal usd, Instant importedAt) {
    }

    @GET
    @Path("{id}/usage")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public List<UsageJson> usage(@RestPath long id) {
        account(id);
        return UsageEntry.listForAccount(id).stream()
                .map(e -> new UsageJson(e.month, e.product, e.kind, e.seconds, e.usd, e.importedAt)).toList();
    }

    @PUT
    @Path("{id}/contract")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ApiSchemas.ContractTerms.class)))
    public AccountJson putContract(@RestPath long id, ContractInput body) {
        Account account = account(id);
        if (body == null) {
            throw new ApiException(400, "invalid", "Send the contract terms as a JSON body.");
        }
        ContractInput.Result result = body.validate(false);
        if (!result.ok()) {
            throw ApiException.invalid(result.errors());
        }
        contracts.replace(account.id, result.terms(), identity.getPrincipal().getName());
        return json(account);
    }

    @GET
    @Path("{id}/statement")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @APIResponse(responseCode = "200", description = "The statement as of asOf; with Accept: text/csv, the CSV export.",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.Statement.class)),
                    @Content(mediaType = Downloads.CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "404", description = "No account with that id, or (code no_contract) the account has no contract yet.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Map<String, Object> statement(@RestPath long id,
            @Parameter(description = "YYYY-MM-DD; today (UTC) when absent", schema = @Schema(format = "date")) @RestQuery String asOf) {
        return statementOf(id, asOf).jsonBody();
    }

    @GET
    @Path("{id}/statement")
    @Produces(Downloads.CSV)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public Response statementCsv(@RestPath long id, @RestQuery String asOf) throws IOException {
        LocalDate day = asOfOrFail(asOf);
        StringBuilder body = new StringBuilder();
        StatementCsv.write(statementOf(id, asOf), body);
        return Downloads.csv("statement-" + id + "-" + day + ".csv", body.toString());
    }

    private static Statement statementOf(long id, String asOf) {
        account(id);
        return AccountStatements.forAccount(id, asOfOrFail(asOf)).orElseThrow(() -> new ApiException(404, "no_contract",
                "Account " + id + " has no contract yet, so it has no statement."));
    }

    private static LocalDate asOfOrFail(String asOf) {
        LocalDate day = Statements.asOf(asOf);
        if (day == null) {
            throw ApiException.invalid(Map.of("asOf", Dates.DAY_MESSAGE));
        }
        return day;
    }

    /** What an import stored: the count of records and the months and products they replaced. */
    record UsageImported(int imported, List<String> months, List<String> products, BigDecimal seconds, BigDecimal usd) {
    }

    /** Usage records as JSON: {@code [{month | date, seconds?, usd?, product?, note?}, ...]}. */
    @POST
    @Path("{id}/usage")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import usage")
    @RequestBody(required = true, description = "Usage records as a JSON list, or CSV with the header month,seconds,usd,product,note"
            + " (date YYYY-MM-DD may replace month). Any bad record rejects them all (error.details lists each).",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.UsageRecord.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)) })
    public UsageImported usageJson(@RestPath long id, JsonNode body) {
        account(id);
        if (body == null || !body.isArray() || body.isEmpty()) {
            throw new ApiException(400, "invalid", "Send a non-empty JSON list of usage records.");
        }
        List<UsageLine> lines = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode item = body.get(i);
            if (!item.isObject()) {
                errors.add(new LineError(i + 1, "each record must be an object"));
                continue;
            }
            if (item.hasNonNull("month") && item.hasNonNull("date")) {
                errors.add(new LineError(i + 1, "give month or date, not both"));
                continue;
            }
            UsageCsv.check(i + 1, text(item, "month"), item.hasNonNull("date") ? text(item, "date") : null,
                    text(item, "seconds"), text(item, "usd"), text(item, "product"), lines, errors);
        }
        return imported(id, new ParseResult(lines, errors), "record");
    }

    @POST
    @Path("{id}/usage")
    @Consumes("text/csv")
    @RolesAllowed(Roles.ADMIN)
    public UsageImported usageCsv(@RestPath long id, String body) {
        account(id);
        if (body != null && body.length() > UsageImports.MAX_BYTES) {
            throw new ApiException(400, "too_large", "The file is larger than 5 MB.");
        }
        return imported(id, UsageCsv.parse(new StringReader(body == null ? "" : body)), "line");
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || value.isNull() ? null : value.isTextual() ? value.textValue() : value.toString();
    }

    private UsageImported imported(long id, ParseResult parsed, String unit) {
        UsageImports.Outcome outcome = UsageImports.store(id, parsed, unit.equals("line") ? "csv" : "json", audit);
        if (!outcome.ok()) {
            List<Map<String, Object>> lines = outcome.errors().stream()
                    .map(e -> Map.<String, Object>of(unit, e.lineNumber(), "message", e.message())).toList();
            throw new ApiException(400, "invalid_usage", outcome.errors().size() + " bad " + unit
                    + (outcome.errors().size() == 1 ? "" : "s") + "; nothing was stored.", lines);
        }
        UsageImports.Summary summary = outcome.summary();
        return new UsageImported(summary.lines(), summary.months(), summary.products(), summary.seconds(), summary.usd());
    }
}
