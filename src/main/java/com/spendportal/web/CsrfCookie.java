package com.spendportal.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CSRF cookie of the forms (DESIGN §9). quarkus-rest-csrf sets it without SameSite: this adds
 * {@code SameSite=Strict}, so a post from another site never carries it, and checks the login form, which Quarkus'
 * form authentication answers without the CSRF filter.
 */
@ApplicationScoped
public class CsrfCookie {

    @ConfigProperty(name = "quarkus.rest-csrf.cookie-name")
    String cookieName;

    @ConfigProperty(name = "quarkus.rest-csrf.form-field-name", defaultValue = "csrf-token")
    String fieldName;

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            rc.addHeadersEndHandler(end -> {
                Cookie cookie = rc.response().removeCookie(cookieName, false);
                if (cookie != null) {
                    rc.response().addCookie(cookie.setSameSite(CookieSameSite.STRICT));
                }
            });
            rc.next();
        }, 100);
    }

    /**
     * Whether a form post carries the token of its CSRF cookie (call once the form attributes are read, as at
     * authentication of the login form).
     */
    public boolean formMatchesCookie(HttpServerRequest request) {
        Cookie cookie = request.getCookie(cookieName);
        String field = request.getFormAttribute(fieldName);
        return cookie != null && field != null && !field.isEmpty() && MessageDigest.isEqual(
                cookie.getValue().getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8));
    }
}
