package com.spendportal.audit;

import com.spendportal.web.Csv;
import com.spendportal.web.Downloads;
import com.spendportal.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestQuery;

/** The audit trail for admins: newest first, filtered, a page at a time, and as CSV. */
@Path("/")
@RolesAllowed(Roles.ADMIN)
class AuditPages {

    static final int PAGE_SIZE = 100;
    /** Rows read per query while a CSV streams out. */
    static final int CSV_CHUNK = 1_000;

    /** Action families, for the filter. */
    static final List<String> FAMILIES = List.of("account", "contract", "usage", "wallet", "user", "token", "channel",
            "backup", "demo");

    /** One page of the trail; {@code olderQuery}, the query of the next page, is null on the last. */
    record View(List<AuditEntry> entries, String actor, String action, String target, String from, String to,
            Map<String, String> errors, String query, String olderQuery, boolean paged) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(View view, List<String> families);
    }

    @GET
    @Path("audit")
    @Produces(MediaType.TEXT_HTML)
    public Response show(@RestQuery String actor, @RestQuery String action, @RestQuery String target,
            @RestQuery String from, @RestQuery String to, @RestQuery Long before) {
        AuditFilter.Parsed parsed = AuditFilter.parse(actor, action, target, from, to);
        AuditFilter filter = parsed.errors().isEmpty() ? parsed.filter() : AuditFilter.ANY;
        List<AuditEntry> rows = AuditEntry.newest(filter, before, PAGE_SIZE + 1);
        List<AuditEntry> entries = rows.subList(0, Math.min(rows.size(), PAGE_SIZE));
        String query = filter.query();
        String olderQuery = rows.size() > PAGE_SIZE
                ? (query.isEmpty() ? "" : query + "&") + "before=" + entries.get(entries.size() - 1).id
                : null;
        View view = new View(entries, value(actor), value(action), value(target), value(from), value(to), parsed.errors(),
                query, olderQuery, before != null);
        return Response.status(parsed.errors().isEmpty() ? 200 : 400).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.audit(view, FAMILIES)).build();
    }

    /** Every entry the filter matches, newest first, written as it is read. */
    @GET
    @Path("audit.csv")
    @Produces(Downloads.CSV)
    public Response csv(@RestQuery String actor, @RestQuery String action, @RestQuery String target,
            @RestQuery String from, @RestQuery String to) {
        AuditFilter.Parsed parsed = AuditFilter.parse(actor, action, target, from, to);
        if (!parsed.errors().isEmpty()) {
            return show(actor, action, target, from, to, null);
        }
        AuditFilter filter = parsed.filter();
        return Downloads.csv("audit-" + LocalDate.now(ZoneOffset.UTC) + ".csv", out -> {
            Csv csv = Csv.withHeader(out, List.of("at", "actor", "via", "action", "target", "detail"));
            Long before = null;
            while (true) {
                Long olderThan = before;
                List<AuditEntry> chunk = QuarkusTransaction.requiringNew().call(() -> AuditEntry.newest(filter, olderThan, CSV_CHUNK));
                for (AuditEntry entry : chunk) {
                    csv.row(entry.at.toString(), entry.actor, entry.via, entry.action, entry.target, entry.detail);
                }
                if (chunk.size() < CSV_CHUNK) {
                    break;
                }
                before = chunk.get(chunk.size() - 1).id;
            }
            csv.flush();
        });
    }

    private static String value(String text) {
        return text == null ? "" : text;
    }
}
