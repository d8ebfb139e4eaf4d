package com.spendportal.demo;

import com.spendportal.web.Flash;
import com.spendportal.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The dashboard's "Load demo data" and "Remove demo data" buttons (admins only). */
@Path("/demo")
class DemoPages {

    @Inject
    DemoData demo;

    @POST
    @Path("load")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response load() {
        List<Long> ids = demo.load();
        if (ids.isEmpty()) {
            return Flash.redirect("/", "Demo data is already loaded.");
        }
        demo.refreshSoon(ids);
        return Flash.redirect("/", "Loaded " + ids.size() + " demo accounts with contracts, usage history and live"
                + " wallets from the portal's built-in demo upstream (HeyGen is never called for them).");
    }

    @POST
    @Path("remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response remove() {
        int removed = demo.remove();
        return Flash.redirect("/", removed == 0 ? "There was no demo data to remove."
                : "Removed " + removed + " demo accounts and all their data.");
    }
}
