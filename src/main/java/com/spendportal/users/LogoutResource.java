package com.spendportal.users;

import com.spendportal.web.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Logout is a POST with a CSRF token, so another site cannot log people out. */
@Path("/logout")
class LogoutResource {

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name")
    String sessionCookie;

    @Inject
    SessionGuard sessions;

    @Inject
    SecurityIdentity identity;

    /** Ends every session of this user, not just this browser's cookie (DESIGN §9). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Transactional
    public Response logout() {
        User.findByUsername(identity.getPrincipal().getName()).ifPresent(sessions::endSessions);
        return Response.seeOther(URI.create("/login?out=1"))
                .cookie(new NewCookie.Builder(sessionCookie).value("").path("/").maxAge(0).httpOnly(true).build(),
                        new NewCookie.Builder(LoginCookie.NAME).value("").path("/").maxAge(0).httpOnly(true).build())
                .build();
    }
}
