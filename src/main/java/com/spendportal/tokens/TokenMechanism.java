package com.spendportal.tokens;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * {@code Authorization: Bearer <token>} with a personal API token. It acts only on that header, on any path
 * whose permission lists the {@value #NAME} mechanism (application.properties), so Basic and the login form
 * work as before. Any other Bearer value, malformed or unknown, fails the same way as a revoked token.
 */
@ApplicationScoped
class TokenMechanism implements HttpAuthenticationMechanism {

    /** The name that {@code quarkus.http.auth.permission.*.auth-mechanism} uses for this mechanism. */
    static final String NAME = "api-token";

    private static final String PREFIX = "Bearer ";
    private static final HttpCredentialTransport TRANSPORT = new HttpCredentialTransport(
            HttpCredentialTransport.Type.AUTHORIZATION, "bearer", NAME);

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (!isBearer(header)) {
            return Uni.createFrom().nullItem();
        }
        String value = header.substring(PREFIX.length()).strip();
        if (!TokenValues.wellFormed(value)) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        ApiTokenRequest request = new ApiTokenRequest(TokenValues.hash(value));
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviderManager.authenticate(request);
    }

    private static boolean isBearer(String header) {
        return header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /**
     * A request that came with a Bearer header gets the Bearer challenge. Without one, a machine path
     * ({@link TokenScopeFilter#servesTokens}) asks for Basic, and elsewhere the next mechanism answers (the
     * login form redirects): Quarkus may ask this mechanism first, whatever their priorities.
     */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (isBearer(context.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            return HttpAuthenticationMechanism.super.sendChallenge(context);
        }
        if (!TokenScopeFilter.servesTokens(context.normalizedPath())) {
            return Uni.createFrom().item(false);
        }
        context.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"Spend Portal\"");
        return Uni.createFrom().item(true);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"Spend Portal\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiTokenRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(TRANSPORT);
    }
}
