package com.spendportal.export;

import com.spendportal.costcentres.ShowbackMonth;
import com.spendportal.costcentres.Showbacks;
import com.spendportal.statements.Statements;
import com.spendportal.web.Downloads;
import com.spendportal.web.Pdf;
import com.spendportal.web.PortalConfig;
import com.spendportal.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /showback.csv?month=} and {@code /showback.pdf?month=} (DESIGN §19): the month's showback to file, the same
 * figures as {@code /cost-centres} and {@code GET /api/showback}; this month when no month is given.
 */
@Path("/")
class ShowbackDownloads {

    @Inject
    Showbacks showbacks;

    @Inject
    PortalConfig config;

    @GET
    @Path("showback.csv")
    @Produces(Downloads.CSV)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public Response csv(@RestQuery String month) throws IOException {
        YearMonth asked = ShowbackMonth.parse(month);
        StringBuilder body = new StringBuilder(8 * 1024);
        ShowbackCsv.write(showbacks.month(asked), body);
        return Downloads.csv("showback-" + asked + ".csv", body.toString());
    }

    @GET
    @Path("showback.pdf")
    @Produces(Pdf.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public Response pdf(@RestQuery String month) {
        YearMonth asked = ShowbackMonth.parse(month);
        byte[] pdf = ShowbackPdf.render(showbacks.month(asked), Statements.today(), Instant.now(), config.baseUrl());
        return Response.ok(pdf, Pdf.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"showback-" + asked + ".pdf\"").build();
    }
}
