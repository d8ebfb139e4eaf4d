package com.spendportal.tokens;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Narrows a token caller below their role (DESIGN §12), on every path alike: a {@code read} token may only
 * GET or HEAD; no token may create or revoke tokens (a stolen token must not mint a lasting one); and
 * tokens serve the API and metrics, not the pages. Refusals are 403 in the API's error format.
 */
@ApplicationScoped
class TokenScopeFilter {

    /** Runs after Quarkus' authentication (200) and path authorization (100), so the identity is known. */
    static final int PRIORITY = 90;

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    private void filter(RoutingContext rc) {
        SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        String scope = identity == null ? null : identity.getAttribute(TokenIdentityProvider.SCOPE);
        if (scope == null) {
            rc.next();
            return;
        }
        String path = rc.normalizedPath();
        HttpMethod method = rc.request().method();
        boolean reads = method == HttpMethod.GET || method == HttpMethod.HEAD;
        if (!servesTokens(path)) {
            refuse(rc, "API tokens work on /api and /q/metrics only.");
        } else if (!reads && ApiToken.READ.equals(scope)) {
            refuse(rc, "This token has the read scope: it may only GET.");
        } else if (!reads && (path.equals("/api/tokens") || path.startsWith("/api/tokens/"))) {
            refuse(rc, "Tokens are created and revoked with a password (HTTP Basic or the /tokens page), not with a token.");
        } else {
            rc.next();
        }
    }

    /** The paths where tokens are accepted: the API and the metrics, for scripts and scrapers. */
    static boolean servesTokens(String path) {
        return path.startsWith("/api/") || path.equals("/api") || path.equals("/q/metrics");
    }

    private static void refuse(RoutingContext rc, String message) {
        rc.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"error\":{\"code\":\"forbidden\",\"message\":\"" + message + "\"}}");
    }
}
