package com.spendportal.users;

import com.spendportal.audit.Audit;
import com.spendportal.web.ErrorMappers;
import com.spendportal.web.NoSecretsInLogs;
import com.spendportal.web.PortalConfig;
import com.spendportal.web.Roles;
import com.spendportal.web.Via;
import io.quarkus.oidc.IdToken;
import io.quarkus.oidc.OIDCException;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Single sign-on (DESIGN §13). quarkus-oidc runs the authorization code flow on /sso/login and checks
 * the id token (signature, issuer, audience, expiry); this page only maps the token's groups to a role,
 * keeps the user's local record, and starts the portal's own session, so that from then on an SSO user
 * is a session like any other (lifetime, revocation, logout).
 */
@Path("/sso")
@Produces(MediaType.TEXT_HTML)
class SsoLogin {

    private static final Logger LOG = Logger.getLogger(SsoLogin.class);

    /** quarkus-oidc's session cookie, and its chunks ({@code q_session_chunk_1}, ...) when the tokens are large. */
    private static final String SESSION_COOKIE = "q_session";

    @Inject
    Audit audit;

    @Inject
    PortalConfig config;

    @Inject
    SessionGuard sessions;

    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    OidcSession oidcSession;

    @Inject
    SsoReplays replays;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signedIn(String username);

        static native TemplateInstance refused(String title, String message);
    }

    /** With single sign-on off, /sso/* does not exist: quarkus-oidc's default tenant is off too. */
    void register(@Observes Filters filters) {
        filters.register(rc -> {
            if (!config.sso().enabled() && rc.normalizedPath().startsWith("/sso/")) {
                rc.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("Not found");
            } else {
                rc.next();
            }
        }, SessionGuard.PRIORITY + 1);
    }

    /**
     * A provider that is down or misconfigured fails quarkus-oidc before this page runs: a page that says so
     * and a log line, never a stack trace (the local login keeps working meanwhile).
     */
    void providerFailures(@Observes Router router) {
        router.route("/sso/*").order(Integer.MIN_VALUE).failureHandler(rc -> {
            Throwable failure = rc.failure();
            if (!isSignInFailure(failure) || rc.response().ended()) {
                rc.next();
                return;
            }
            String provider = config.sso().displayName();
            String page;
            if (isUnavailable(failure)) {
                LOG.errorf("Single sign-on failed: the identity provider cannot be used (%s)", rootMessage(failure));
                page = ErrorMappers.page(503, provider + " is not available", "The portal cannot reach " + provider
                        + " to sign you in right now. Try again later, or log in with a password if you have one.", "/login",
                        "Back to the login page");
                rc.response().setStatusCode(503);
            } else {
                LOG.warnf("Single sign-on refused: %s", rootMessage(failure));
                page = ErrorMappers.page(401, "Single sign-on did not work", "The sign-in from " + provider
                        + " could not be verified. Try again, or log in with a password if you have one.", "/login",
                        "Back to the login page");
                rc.response().setStatusCode(401);
            }
            rc.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page);
        });
    }

    /**
     * quarkus-oidc fails the callback with an OIDCException when the provider cannot be used or refuses the code, and with
     * an AuthenticationCompletionException (whose cause is jose4j's) when the id token does not verify.
     */
    private static boolean isSignInFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OIDCException || cause instanceof AuthenticationCompletionException) {
                return true;
            }
        }
        return false;
    }

    /**
     * quarkus-oidc's words when it cannot fetch the provider's discovery document or keys (its "JWK is not available" is
     * a token signed by a key the provider does not publish: a refusal, not an outage).
     */
    private static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException
                    || cause.getMessage() != null && cause.getMessage().contains("OIDC Server is not available")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The innermost cause, without any token or claim it quotes (jose4j puts the whole signed token, or all its claims,
     * in its messages).
     */
    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = NoSecretsInLogs.scrub(String.valueOf(root.getMessage()));
        return root.getClass().getSimpleName() + ": " + message;
    }

    @GET
    @Path("login")
    @RolesAllowed("**")
    @Transactional
    public Response login(RoutingContext rc) {
        PortalConfig.Sso sso = config.sso();
        String username = idToken.getClaim("preferred_username");
        if (username == null || username.isBlank()) {
            username = idToken.getClaim("email");
        }
        List<String> groups = groups(idToken.getClaim(sso.groupsClaim()));
        String role = groups.contains(sso.adminGroup()) ? Roles.ADMIN : groups.contains(sso.viewerGroup()) ? Roles.VIEWER : null;
        // The portal's session is the one that counts: the provider's session cookie is not kept. On the callback itself
        // quarkus-oidc has only just set it (in this response), which its own logout does not undo: expired here
        oidcSession.logout().await().indefinitely();
        for (Cookie cookie : List.copyOf(rc.request().cookies())) {
            if (cookie.getName().startsWith(SESSION_COOKIE)) {
                rc.response().removeCookie(cookie.getName(), true);
            }
        }
        Instant now = Instant.now();
        if (!replays.firstUse(idToken, now)) {
            LOG.warnf("Single sign-on refused for %s: this id token has already signed someone in (a replayed q_session"
                    + " cookie or id token)", describe(username));
            return replayed(sso);
        }
        if (username == null || username.isBlank()) {
            LOG.warnf("Single sign-on refused: the id token of subject %s has neither preferred_username nor email", idToken.getSubject());
            return refused("No username from " + sso.displayName(),
                    "The identity provider sent neither a username (preferred_username) nor an e-mail address for you.");
        }
        username = username.strip();
        if (role == null) {
            LOG.infof("Single sign-on refused for %s: in neither %s nor %s", username, sso.adminGroup(), sso.viewerGroup());
            return refused("No access to the Spend Portal yet",
                    "You signed in as " + username + ", but you are in neither the group " + sso.adminGroup() + " (admins) nor "
                            + sso.viewerGroup() + " (viewers). Ask whoever manages the groups of " + sso.displayName()
                            + " to add you to one of them, then sign in again.");
        }
        User user = User.findByUsername(username).orElse(null);
        if (user == null) {
            user = User.createSso(username, role);
            audit.recordAs(username, Via.SSO, "user.create", UserAdmin.target(user),
                    Audit.detail().put("user", username).put("role", role).put("sso", true));
        } else if (!user.sso) {
            LOG.warnf("Single sign-on refused for %s: a local user has that name", username);
            return refused("This name belongs to a local user",
                    "The portal already has a local user named " + username + ", who logs in with a password. Ask a portal admin.");
        } else if (!user.enabled) {
            LOG.infof("Single sign-on refused for %s: disabled on the users page", username);
            return refused("Your access is disabled", "A portal admin disabled " + username + ". Ask a portal admin.");
        } else if (user.ssoTokenIssuedAt != null && issuedAt(idToken).isBefore(user.ssoTokenIssuedAt)) {
            LOG.warnf("Single sign-on refused for %s: the id token was issued at %s, before the one of the latest sign-in (%s)",
                    username, issuedAt(idToken), user.ssoTokenIssuedAt);
            return replayed(sso);
        }
        if (!role.equals(user.role)) {
            audit.recordAs(username, Via.SSO, "user.role", UserAdmin.target(user),
                    Audit.detail().put("user", username).change("role", user.role, role));
            user.role = role;
            sessions.endSessions(user);
        }
        Instant issuedAt = issuedAt(idToken);
        if (user.ssoTokenIssuedAt == null || issuedAt.isAfter(user.ssoTokenIssuedAt)) {
            user.ssoTokenIssuedAt = issuedAt;
        }
        sessions.startSession(rc, user);
        return Response.ok(Templates.signedIn(username)).build();
    }

    /** Where quarkus-oidc sends the provider's own refusals (quarkus.oidc.authentication.error-path). */
    @GET
    @Path("error")
    @PermitAll
    public Response error() {
        return refused("Single sign-on did not work", "The identity provider did not sign you in. You can try again,"
                + " or log in with a password if you have one.");
    }

    /** The id token's issue time; one without {@code iat} counts as issued at the start of the epoch (the oldest). */
    private static Instant issuedAt(JsonWebToken token) {
        return Instant.ofEpochSecond(Math.max(0, token.getIssuedAtTime()));
    }

    private static String describe(String username) {
        return username == null || username.isBlank() ? "a user without a name" : username.strip();
    }

    /** A replay is refused as any id token that does not verify: the 401 page, no session, nothing changed. */
    private static Response replayed(PortalConfig.Sso sso) {
        return Response.status(401).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(ErrorMappers.page(401,
                "Single sign-on did not work", "The sign-in from " + sso.displayName() + " could not be verified. Try again,"
                        + " or log in with a password if you have one.", "/login", "Back to the login page")).build();
    }

    private static Response refused(String title, String message) {
        return Response.status(403).entity(Templates.refused(title, message)).build();
    }

    /** A groups claim is a list of names, or one name. */
    private static List<String> groups(Object claim) {
        List<String> groups = new ArrayList<>();
        if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                groups.add(value instanceof JsonString text ? text.getString() : String.valueOf(value));
            }
        } else if (claim instanceof JsonString text) {
            groups.add(text.getString());
        } else if (claim instanceof String text) {
            groups.add(text);
        }
        return groups;
    }
}
