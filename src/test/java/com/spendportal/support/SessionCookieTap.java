package com.spendportal.support;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Stands in for a q_session cookie that leaked: quarkus-oidc sets it on the callback and SsoLogin expires it in the same
 * response, so no browser or proxy ever sees a valid one. This filter, which runs after quarkus-oidc and before SsoLogin,
 * keeps the value, so that the tests can replay it and check that the portal still refuses a second use.
 */
public class SessionCookieTap {

    private static final AtomicReference<String> LAST = new AtomicReference<>();

    @ServerRequestFilter
    public void tap(HttpServerRequest request) {
        if (request.path().equals("/sso/login")) {
            Cookie session = request.getCookie("q_session");
            LAST.set(session == null ? null : session.getValue());
        }
    }

    /** The q_session cookie the last /sso/login request carried or was given by quarkus-oidc, and forgets it. */
    public static String take() {
        return LAST.getAndSet(null);
    }
}
