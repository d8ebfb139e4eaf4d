package com.spendportal.web;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** What the layout needs on every page: who is logged in and the one-time message. Used as {@code inject:page}. */
@RequestScoped
@Named("page")
public class PageContext {

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    private String flash;
    private boolean flashRead;

    /** The message left by the previous POST ({@link Flash}); reading it expires the cookie. */
    public String getFlash() {
        if (!flashRead) {
            flashRead = true;
            RoutingContext context = request.getCurrent();
            Cookie cookie = context == null ? null : context.request().getCookie(Flash.COOKIE);
            if (cookie != null) {
                flash = Flash.decode(cookie.getValue());
                // expire it on the path it was set with, or the browser keeps showing it for a minute
                context.response().addCookie(Cookie.cookie(Flash.COOKIE, "").setPath("/").setMaxAge(0));
            }
        }
        return flash;
    }

    /** One of the portal's own sessions: the provider's identity on the single sign-on pages is none (it gets no nav). */
    public boolean isLoggedIn() {
        return Via.of(identity) != null;
    }

    public String getUsername() {
        return isLoggedIn() ? identity.getPrincipal().getName() : "";
    }

    public boolean isAdmin() {
        return isLoggedIn() && identity.hasRole(Roles.ADMIN);
    }
}
