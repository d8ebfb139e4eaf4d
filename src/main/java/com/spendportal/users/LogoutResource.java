package com.spendportal.users;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Logout is a POST with a CSRF token, so another site cannot log people out. */
@Path("/logout")
class LogoutResource {

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name")
    String sessionCookie;

    @POST
    @RolesAllowed({User.ADMIN, User.VIEWER})
    public Response logout() {
        return Response.seeOther(URI.create("/login?out=1"))
                .cookie(new NewCookie.Builder(sessionCookie).value("").path("/").maxAge(0).httpOnly(true).build())
                .build();
    }
}
