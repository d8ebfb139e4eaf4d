package com.spendportal.users;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import com.spendportal.web.PortalConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The login form, posted to Quarkus' form authentication at /j_security_check. */
@Path("/login")
@Produces(MediaType.TEXT_HTML)
class LoginPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed, boolean loggedOut, String ssoName);
    }

    @Inject
    PortalConfig config;

    @GET
    @PermitAll
    public TemplateInstance login(@QueryParam("error") String error, @QueryParam("out") String out) {
        return Templates.login(error != null, out != null, config.sso().enabled() ? config.sso().displayName() : null);
    }
}
