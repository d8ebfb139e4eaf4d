package com.spendportal.accounts;

import com.spendportal.statements.Statements;
import com.spendportal.users.User;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import com.spendportal.web.PortalConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;

/** The dashboard: every account, what it costs this month and what needs attention first. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
class DashboardPage {

    @Inject
    PortalConfig config;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(List<Overview> rows, LocalDate today, String sort, long needAction);
    }

    @GET
    @RolesAllowed({User.ADMIN, User.VIEWER})
    public TemplateInstance dashboard(@RestQuery String sort) {
        LocalDate today = Statements.today();
        List<Overview> rows = new ArrayList<>(Overview.all(today, config.wallet().pollInterval()));
        boolean byName = "name".equals(sort);
        if (!byName) {
            rows.sort(Overview.BY_ATTENTION);
        }
        long needAction = rows.stream().filter(r -> r.attention() == Overview.ACT).count();
        return Templates.dashboard(rows, today, byName ? "name" : "attention", needAction);
    }
}
