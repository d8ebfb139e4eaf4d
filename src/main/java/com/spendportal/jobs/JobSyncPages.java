package com.spendportal.jobs;

import com.spendportal.web.Flash;
import com.spendportal.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestPath;

/**
 * "Read jobs now" on the account page: reads the job list and says what was read. Admins only, as the API: an admin's
 * ask also tries a key whose list HeyGen refused before.
 */
@Path("/accounts/{id}/jobs/sync")
class JobSyncPages {

    @Inject
    JobSyncService jobs;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response sync(@RestPath long id) {
        SyncResult result = jobs.sync(id, true);
        if (!result.ok() && SyncResult.NOT_FOUND.equals(result.error().code())) {
            throw new NotFoundException();
        }
        return Flash.redirect("/accounts/" + id, result.message());
    }
}
