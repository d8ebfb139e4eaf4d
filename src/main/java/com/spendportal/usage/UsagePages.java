package com.spendportal.usage;

import com.spendportal.accounts.Account;
import com.spendportal.audit.Audit;
import com.spendportal.contracts.Contract;
import com.spendportal.web.Flash;
import com.spendportal.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Enter one month of usage, or import a CSV file; both replace what was stored for their months and products. */
@Path("/accounts/{id}/usage")
@Produces(MediaType.TEXT_HTML)
class UsagePages {

    @Inject
    Audit audit;

    record EntryForm(String month, String seconds, String usd, String product) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance usage(Account account, Contract contract, List<UsageEntry> entries,
                EntryForm form, Map<String, String> errors, List<LineError> fileErrors, String fileName);
    }


    private static TemplateInstance page(Account account, EntryForm form, Map<String, String> errors,
            List<LineError> fileErrors, String fileName) {
        return Templates.usage(account, Contract.findByAccount(account).orElse(null),
                UsageEntry.list("accountId = ?1 order by month desc, product, kind", account.id), form, errors,
                fileErrors, fileName);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public TemplateInstance show(@RestPath long id) {
        return page(Account.require(id), new EntryForm("", "", "", ""), Map.of(), List.of(), null);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response enter(@RestPath long id, @RestForm String month, @RestForm String seconds, @RestForm String usd,
            @RestForm String product) {
        Account account = Account.require(id);
        EntryForm form = new EntryForm(month, seconds, usd, product);
        List<UsageLine> lines = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        UsageCsv.check(1, month, null, seconds, usd, product, lines, errors);
        UsageImports.Outcome outcome = UsageImports.store(account.id, new ParseResult(lines, errors), "form", audit);
        if (!outcome.ok()) {
            return Response.status(400).entity(page(account, form, fieldErrors(outcome.errors()), List.of(), null)).build();
        }
        return Flash.redirect("/accounts/" + account.id + "/usage", "Saved usage for " + outcome.summary().months().get(0)
                + (product == null || product.isBlank() ? "" : " (" + product.strip() + ")") + ".");
    }

    /** Puts each reason of a form entry beside the field it concerns. */
    private static Map<String, String> fieldErrors(List<LineError> errors) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (LineError error : errors) {
            for (String reason : error.message().split("; ")) {
                String field = reason.startsWith("month") ? "month" : reason.startsWith("seconds") ? "seconds"
                        : reason.startsWith("usd") ? "usd" : reason.startsWith("product") ? "product" : "seconds";
                fields.merge(field, capitalize(reason) + ".", (a, b) -> a + " " + b);
            }
        }
        return fields;
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    @POST
    @Path("import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importFile(@RestPath long id, @RestForm("file") FileUpload file) throws IOException {
        Account account = Account.require(id);
        EntryForm empty = new EntryForm("", "", "", "");
        if (file == null || file.uploadedFile() == null || file.fileName() == null || file.fileName().isBlank()) {
            return Response.status(400).entity(page(account, empty, Map.of(),
                    List.of(new LineError(0, "choose a CSV file to import")), null)).build();
        }
        String name = file.fileName();
        if (file.size() > UsageImports.MAX_BYTES) {
            return Response.status(400).entity(page(account, empty, Map.of(), List.of(new LineError(0,
                    String.format("the file is %.1f MB; the limit is %d MB", file.size() / 1048576.0,
                            UsageImports.MAX_BYTES / 1048576))), name)).build();
        }
        ParseResult parsed;
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            parsed = UsageCsv.parse(in);
        }
        UsageImports.Outcome outcome = UsageImports.store(account.id, parsed, "file " + name, audit);
        if (!outcome.ok()) {
            return Response.status(400).entity(page(account, empty, Map.of(), outcome.errors(), name)).build();
        }
        return Flash.redirect("/accounts/" + account.id + "/usage", "Imported " + name + ": " + outcome.summary().describe());
    }
}
