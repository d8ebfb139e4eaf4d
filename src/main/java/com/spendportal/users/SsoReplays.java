package com.spendportal.users;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * An id token makes at most one portal session (DESIGN §13). quarkus-oidc accepts its {@code q_session} cookie, which
 * carries the id token, for as long as the token lives, even after the portal deleted it in the browser: a copy of that
 * cookie would sign its owner in again. So each id token that signed someone in is kept in {@code sso_used_token} until
 * it expires, in the database so that every instance refuses it a second time.
 */
@ApplicationScoped
class SsoReplays {

    /** Kept a little past the token's expiry, for clocks that differ between the provider and the portal. */
    static final Duration KEEP_AFTER_EXPIRY = Duration.ofMinutes(5);

    /**
     * Records the token as used, in a transaction of its own; false when it was used before (here or on another
     * instance: the token's hash is the table's primary key, so of two instances at once one insert fails).
     */
    boolean firstUse(JsonWebToken idToken, Instant now) {
        String hash = hash(idToken);
        Instant keepUntil = (idToken.getExpirationTime() > 0 ? Instant.ofEpochSecond(idToken.getExpirationTime()) : now.plus(Duration.ofHours(1)))
                .plus(KEEP_AFTER_EXPIRY);
        if (isUsed(hash)) {
            return false; // the usual replay, without an insert that fails (and the driver's two log lines about it)
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Panache.getEntityManager().createNativeQuery("DELETE FROM sso_used_token WHERE expires_at < ?1")
                        .setParameter(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).executeUpdate();
                Panache.getEntityManager().createNativeQuery("INSERT INTO sso_used_token (token_hash, expires_at) VALUES (?1, ?2)")
                        .setParameter(1, hash).setParameter(2, OffsetDateTime.ofInstant(keepUntil, ZoneOffset.UTC)).executeUpdate();
                return true;
            });
        } catch (RuntimeException e) {
            if (isUsed(hash)) {
                return false; // used at the same moment on another instance
            }
            throw e; // not a used token: the database itself failed
        }
    }

    private static boolean isUsed(String hash) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                .createNativeQuery("SELECT COUNT(*) FROM sso_used_token WHERE token_hash = ?1").setParameter(1, hash)
                .getSingleResult() instanceof Number count && count.longValue() > 0);
    }

    /**
     * What tells one id token from another: its issuer and {@code jti}, or its {@code nonce} when it has no {@code jti}
     * (not every provider sets one; the portal requires a nonce), else the whole signed token. Only a hash is kept.
     */
    static String hash(JsonWebToken idToken) {
        String jti = idToken.getTokenID();
        Object nonce = idToken.getClaim("nonce");
        String id = jti != null && !jti.isBlank() ? "jti:" + jti : nonce != null ? "nonce:" + nonce : "raw:" + idToken.getRawToken();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((idToken.getIssuer() + "\n" + id).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
