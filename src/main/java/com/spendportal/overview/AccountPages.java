package com.spendportal.overview;

import com.spendportal.accounts.Account;
import com.spendportal.accounts.AccountInput;
import com.spendportal.accounts.Accounts;
import com.spendportal.accounts.ApiKeyCipher;
import com.spendportal.audit.Audit;
import com.spendportal.invoices.Invoice;
import com.spendportal.invoices.InvoiceInput;
import com.spendportal.statements.Statements;
import com.spendportal.wallet.WalletDays;
import com.spendportal.web.ApiException;
import com.spendportal.web.Dates;
import com.spendportal.web.Flash;
import com.spendportal.web.Pages;
import com.spendportal.web.PortalConfig;
import com.spendportal.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The account page, and creating, renaming, connecting a key to and deleting accounts. */
@Path("/accounts")
@Produces(MediaType.TEXT_HTML)
class AccountPages {

    @Inject
    ApiKeyCipher cipher;

    @Inject
    PortalConfig config;

    @Inject
    SecurityIdentity identity;

    @Inject
    DataSource dataSource;

    @Inject
    Audit audit;

    private static final String VERSION_QUERY = "SELECT figures_version, name,"
            + " CASE WHEN api_key_ciphertext IS NULL THEN FALSE ELSE TRUE END,"
            + " CASE WHEN EXISTS (SELECT 1 FROM contract c WHERE c.account_id = account.id) THEN TRUE ELSE FALSE END"
            + " FROM account WHERE id = ?";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance create(AccountInput form, Map<String, String> errors);

        static native TemplateInstance edit(Account account, AccountInput form, String threshold, Map<String, String> errors);

        static native TemplateInstance delete(Account account);

        static native TemplateInstance show(AccountPage page);
    }


    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Produces(Pages.HTML)
    public byte[] show(@RestPath long id, @RestQuery String asOf) {
        LocalDate day = Statements.asOf(asOf);
        if (day == null) {
            throw ApiException.invalid(Map.of("asOf", Dates.DAY_MESSAGE));
        }
        return Pages.bytes(Templates.show(page(id, day)));
    }

    /** The page's model: the version and what the uncached parts need, in one query. */
    private AccountPage page(long id, LocalDate day) {
        // The version is read first: whatever is loaded after it is at least as new as the cache keys it makes.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(VERSION_QUERY)) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new NotFoundException();
                }
                return new AccountPage(id, row.getLong(1), row.getString(2), row.getBoolean(3), day,
                        identity.hasRole(Roles.ADMIN), Instant.now(), config.wallet().pollInterval(),
                        WalletDays.rule(config), config.anomaly().maxGap())
                        .withContract(row.getBoolean(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the account", e);
        }
    }

    /**
     * The account page's invoice form (DESIGN §16): {@code save} records the month's invoice (replacing one recorded
     * before), {@code remove} deletes it. Refused: the page again, 400, the messages beside the fields.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Path("{id}/invoices")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response invoice(@RestPath long id, @RestForm String month, @RestForm String invoicedUsd,
            @RestForm String reference, @RestForm String action) {
        Account.require(id);
        InvoiceInput form = new InvoiceInput(month, invoicedUsd, reference);
        boolean remove = "remove".equals(action);
        Map<String, String> errors = new LinkedHashMap<>();
        YearMonth parsed = form.parsedMonth();
        if (remove) {
            if (parsed == null) {
                errors.put("month", "Enter the invoice's month as YYYY-MM, such as 2026-03.");
            } else if (Invoice.find(id, parsed).isEmpty()) {
                errors.put("month", "No invoice is recorded for " + parsed + ".");
            }
        } else {
            errors.putAll(form.validate(true));
        }
        if (!errors.isEmpty()) {
            AccountPage page = page(id, Statements.today()).withInvoiceForm(form, errors);
            return Response.status(400).type(Pages.HTML).entity(Pages.bytes(Templates.show(page))).build();
        }
        if (remove) {
            Invoice.remove(id, parsed, audit);
            return Flash.redirect("/accounts/" + id + "#invoice", "Invoice for " + parsed + " removed.");
        }
        Invoice invoice = Invoice.record(id, form, true, identity.getPrincipal().getName(), audit);
        return Flash.redirect("/accounts/" + id + "#invoice", "Invoice for " + invoice.month + " recorded: $"
                + invoice.invoicedUsd.toPlainString() + ".");
    }

    @GET
    @Path("new")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance newForm() {
        return Templates.create(new AccountInput("", ""), Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response create(@RestForm String name, @RestForm String apiKey) {
        AccountInput form = new AccountInput(name, apiKey);
        Map<String, String> errors = form.validate(null);
        if (!errors.isEmpty()) {
            return Response.status(400).entity(Templates.create(new AccountInput(name, ""), errors)).build();
        }
        Account account = Accounts.create(form, cipher, audit);
        return Flash.redirect("/accounts/" + account.id, "Account \u201c" + account.name + "\u201d created. Next: enter its contract terms.");
    }

    @GET
    @Path("{id}/edit")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance editForm(@RestPath long id) {
        Account account = Account.require(id);
        return Templates.edit(account, new AccountInput(account.name, ""), plain(account.lowBalanceThresholdUsd), Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Path("{id}/edit")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response edit(@RestPath long id, @RestForm String name, @RestForm String apiKey,
            @RestForm String removeApiKey, @RestForm String lowBalanceThresholdUsd) {
        Account account = Account.require(id);
        AccountInput form = new AccountInput(name, apiKey);
        Map<String, String> errors = new java.util.LinkedHashMap<>(form.validate(account.id));
        BigDecimal threshold = null;
        if (lowBalanceThresholdUsd != null && !lowBalanceThresholdUsd.isBlank()) {
            var parsed = com.spendportal.web.Decimals.parse(lowBalanceThresholdUsd, 2, 12, true, true);
            if (parsed.ok()) {
                threshold = parsed.value().setScale(2);
            } else {
                errors.put("lowBalanceThresholdUsd", parsed.error());
            }
        }
        if (!errors.isEmpty()) {
            return Response.status(400)
                    .entity(Templates.edit(account, new AccountInput(name, ""), lowBalanceThresholdUsd, errors)).build();
        }
        Accounts.Before before = Accounts.Before.of(account);
        account.name = form.trimmedName();
        account.lowBalanceThresholdUsd = threshold;
        if (form.hasApiKey()) {
            account.setApiKey(form.apiKey(), cipher);
        } else if (removeApiKey != null) {
            account.removeApiKey();
        }
        before.saved(account, audit);
        return Flash.redirect("/accounts/" + account.id, "Account saved.");
    }

    @GET
    @Path("{id}/delete")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance confirmDelete(@RestPath long id) {
        return Templates.delete(Account.require(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Path("{id}/delete")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response delete(@RestPath long id) {
        Account account = Account.require(id);
        String name = account.name;
        Accounts.delete(account, audit);
        return Flash.redirect("/", "Account \u201c" + name + "\u201d and all its data were deleted.");
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
