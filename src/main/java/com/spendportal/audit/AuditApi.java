package com.spendportal.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.spendportal.web.ApiException;
import com.spendportal.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /api/audit}: the trail, newest first, with the page's filters. At most {@code limit}
 * entries (100 unless asked, at most 1,000); when there are older ones, a {@code Link: <...>;
 * rel="next"} header gives the address of the next page.
 */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Audit")
class AuditApi {

    static final int MAX_LIMIT = 1_000;

    @Schema(name = "AuditEntry")
    record EntryJson(long id, Instant at, String actor, @Schema(description = "page, basic, token:<id>, sso or system") String via,
            @Schema(description = "account.create, contract.update, user.role, ...") String action,
            @Schema(description = "account:<id>, user:<id>, token:<id>, channel:<id>, ...") String target,
            @Schema(type = SchemaType.OBJECT, description = "What changed: a changed field is {\"old\": ..., \"new\": ...}."
                    + " Never a secret.") JsonNode detail) {
        static EntryJson of(AuditEntry e) {
            return new EntryJson(e.id, e.at, e.actor, e.via, e.action, e.target, e.detailJson());
        }
    }

    @GET
    @APIResponse(responseCode = "200", description = "Newest first. When there are older entries, a Link header with"
            + " rel=\"next\" gives the address of the next page.",
            headers = @Header(name = "Link", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = EntryJson.class)))
    public Response list(@RestQuery String actor, @RestQuery String action, @RestQuery String target,
            @RestQuery String from, @RestQuery String to,
            @Parameter(description = "Entries older than this id (the next page)", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int64")) @RestQuery("before") String beforeText,
            @Parameter(description = "Entries per page, 1 to 1000 (default 100)", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "1", maximum = "1000")) @RestQuery("limit") String limitText) {
        Long before = ApiException.longParameter("before", beforeText);
        Long limitValue = ApiException.longParameter("limit", limitText);
        Integer limit = limitValue == null ? null : (int) Math.max(Math.min(limitValue, Integer.MAX_VALUE), Integer.MIN_VALUE);
        AuditFilter.Parsed parsed = AuditFilter.parse(actor, action, target, from, to);
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            parsed.errors().put("limit", "From 1 to " + MAX_LIMIT + ".");
        }
        if (!parsed.errors().isEmpty()) {
            throw ApiException.invalid(parsed.errors());
        }
        int size = limit == null ? AuditPages.PAGE_SIZE : limit;
        List<AuditEntry> rows = AuditEntry.newest(parsed.filter(), before, size + 1);
        List<EntryJson> entries = rows.stream().limit(size).map(EntryJson::of).toList();
        Response.ResponseBuilder response = Response.ok(entries);
        if (rows.size() > size) {
            String query = parsed.filter().query();
            response.header("Link", "</api/audit?" + (query.isEmpty() ? "" : query + "&") + "limit=" + size + "&before="
                    + entries.get(entries.size() - 1).id() + ">; rel=\"next\"");
        }
        return response.build();
    }
}
