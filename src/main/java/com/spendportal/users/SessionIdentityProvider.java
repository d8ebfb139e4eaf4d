package com.spendportal.users;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

/**
 * Restores the user of a session cookie on every request from the database, so a disabled user
 * loses access at once and a role change applies to the next page.
 */
@ApplicationScoped
class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> restore(request.getPrincipal()));
    }

    @ActivateRequestContext
    SecurityIdentity restore(String username) {
        User user = User.findByUsername(username).filter(u -> u.enabled)
                .orElseThrow(AuthenticationFailedException::new);
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user.username)).addRole(user.role).build();
    }
}
