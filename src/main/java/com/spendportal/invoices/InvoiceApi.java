package com.spendportal.invoices;

import com.fasterxml.jackson.databind.JsonNode;
import com.spendportal.accounts.Account;
import com.spendportal.audit.Audit;
import com.spendportal.web.Roles;
import com.spendportal.web.ApiException;
import com.spendportal.web.PatchBody;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code PUT/DELETE /api/accounts/{id}/invoices/{YYYY-MM}}: what HeyGen invoiced for a month (DESIGN §16). The
 * statement then shows the invoice beside the portal's figure, their difference and whether they match.
 */
@Path("/api/accounts/{id}/invoices/{month}")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class InvoiceApi {

    private static final List<String> FIELDS = List.of("invoicedUsd", "reference");

    @Inject
    Audit audit;

    @Inject
    SecurityIdentity identity;

    @Schema(name = "Invoice", description = "A month's invoice as recorded.")
    record InvoiceJson(long accountId, YearMonth month, BigDecimal invoicedUsd,
            @Schema(nullable = true) String reference, Instant recordedAt, String recordedBy) {

        static InvoiceJson of(Invoice invoice) {
            return new InvoiceJson(invoice.accountId, YearMonth.parse(invoice.month), invoice.invoicedUsd,
                    invoice.reference, invoice.recordedAt, invoice.recordedBy);
        }
    }

    @Schema(name = "InvoiceInput", description = "invoicedUsd: a non-negative decimal with up to 2 places, as a JSON"
            + " number or string; reference: the invoice's number or any note, up to 100 characters.",
            requiredProperties = "invoicedUsd")
    record Body(BigDecimal invoicedUsd, @Schema(nullable = true) String reference) {
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Body.class)))
    @APIResponse(responseCode = "200", description = "Recorded (a month's earlier invoice is replaced).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvoiceJson.class)))
    public InvoiceJson record(@RestPath long id,
            @Parameter(description = "The invoice's month, YYYY-MM.", schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-[0-9]{2}$")) @RestPath String month,
            JsonNode body) {
        account(id);
        Map<String, String> errors = PatchBody.check(body, FIELDS);
        JsonNode amount = body.get("invoicedUsd");
        JsonNode reference = body.get("reference");
        if (amount != null && !amount.isNull() && !amount.isTextual() && !amount.isNumber()) {
            errors.put("invoicedUsd", "A decimal as a JSON number or string, such as \"1234.56\".");
        }
        if (reference != null && !reference.isNull() && !reference.isTextual()) {
            errors.put("reference", "A string, or null.");
        }
        InvoiceInput input = new InvoiceInput(month, text(amount), text(reference));
        input.validate(false).forEach(errors::putIfAbsent);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return InvoiceJson.of(Invoice.record(id, input, false, identity.getPrincipal().getName(), audit));
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @APIResponse(responseCode = "204", description = "Removed; the month is OPEN again.")
    public void remove(@RestPath long id,
            @Parameter(description = "The invoice's month, YYYY-MM.", schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-[0-9]{2}$")) @RestPath String month) {
        account(id);
        YearMonth parsed = new InvoiceInput(month, null, null).parsedMonth();
        if (parsed == null) {
            throw ApiException.invalid(Map.of("month", "The invoice's month as YYYY-MM, such as 2026-03."));
        }
        if (!Invoice.remove(id, parsed, audit)) {
            throw ApiException.notFound("No invoice is recorded for " + parsed + " on account " + id + ".");
        }
    }

    private static void account(long id) {
        if (Account.findById(id) == null) {
            throw ApiException.notFound("No account with id " + id + ".");
        }
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.isTextual() ? value.textValue() : value.toString();
    }
}
