package com.spendportal.wallet;

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

/** "Refresh now" on the account page: asks HeyGen within a few seconds and says plainly what happened. */
@Path("/accounts/{id}/wallet")
class WalletPages {

    @Inject
    WalletService wallet;

    /** Viewers may refresh too: it only reads the upstream and records what it said. */
    @POST
    @Path("refresh")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public Response refresh(@RestPath long id) {
        RefreshResult result = wallet.refresh(id);
        if (result.status() == RefreshResult.Status.NOT_FOUND) {
            throw new NotFoundException();
        }
        return Flash.redirect("/accounts/" + id, result.message());
    }
}
