package com.spendportal.users;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

/**
 * Re-checks the user on every request: a disabled or deleted user loses access at once, even with
 * a session cookie that is still cryptographically valid.
 */
@ApplicationScoped
class ActiveUserAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> {
            if (!isActive(identity.getPrincipal().getName())) {
                throw new AuthenticationFailedException("user is disabled");
            }
            return identity;
        });
    }

    @ActivateRequestContext
    boolean isActive(String username) {
        return User.findByUsername(username).map(u -> u.enabled).orElse(false);
    }
}
