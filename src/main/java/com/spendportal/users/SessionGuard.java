package com.spendportal.users;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.PersistentLoginManager;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import com.spendportal.web.PortalConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Ends sessions for real (DESIGN §9): every request carrying the form-auth cookie must also carry a
 * valid {@link LoginCookie} issued at login and younger than the absolute lifetime. Otherwise the
 * form-auth cookie is dropped before authentication sees it, so the request is anonymous and goes to
 * the login page, whatever cookie someone kept. {@link SessionIdentityProvider} then checks the
 * login against the user's {@code sessionsValidAfter} (moved forward by logout, disabling, a role
 * change or a password reset), read from the database on every request, so an ended session ends on
 * every instance at once.
 */
@ApplicationScoped
public class SessionGuard {

    /** Runs before Quarkus' authentication. */
    static final int PRIORITY = 10_000;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name")
    String sessionCookie;

    @ConfigProperty(name = "quarkus.http.auth.session.encryption-key")
    String secret;

    @Inject
    PortalConfig config;

    @ConfigProperty(name = "quarkus.http.auth.form.timeout")
    Duration sessionTimeout;

    @ConfigProperty(name = "quarkus.http.auth.form.new-cookie-interval")
    Duration newCookieInterval;

    @ConfigProperty(name = "quarkus.http.auth.form.http-only-cookie")
    boolean httpOnlyCookie;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-same-site")
    String sameSite;

    private volatile LoginCookie cookies;

    private volatile PersistentLoginManager sessionCookies;

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    private LoginCookie cookies() {
        if (cookies == null) {
            cookies = new LoginCookie(secret);
        }
        return cookies;
    }

    /**
     * Ends every session of {@code user} from now on, on every instance: {@link SessionIdentityProvider}
     * reads the user's row on every request. Call in a transaction.
     */
    public void endSessions(User user) {
        user.sessionsValidAfter = Instant.now();
    }

    /**
     * Starts a portal session for {@code user} exactly as a form login does: Quarkus' encrypted form-auth
     * cookie (same key, lifetime and attributes as {@code quarkus.http.auth.form.*}) and the login cookie.
     * For sign-ins that do not go through the login form (single sign-on). Call in a transaction.
     */
    void startSession(RoutingContext rc, User user) {
        if (sessionCookies == null) {
            sessionCookies = new PersistentLoginManager(secret, sessionCookie, sessionTimeout.toMillis(),
                    newCookieInterval.toMillis(), httpOnlyCookie, sameSite.toUpperCase(Locale.ROOT), "/", -1, null);
        }
        Instant at = Instant.now();
        if (user.sessionsValidAfter != null && !at.truncatedTo(ChronoUnit.MILLIS).isAfter(user.sessionsValidAfter)) {
            // the login cookie keeps milliseconds; a session ended in this same millisecond must not end this one
            at = user.sessionsValidAfter.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        }
        boolean secure = rc.request().isSSL();
        sessionCookies.save(user.username, rc, sessionCookie, null, secure);
        rc.response().addCookie(Cookie.cookie(LoginCookie.NAME, cookies().issue(user.username, at))
                .setSecure(secure).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT));
    }

    private void filter(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (rc.request().method() == HttpMethod.POST && path.equals("/j_security_check")) {
            rc.addHeadersEndHandler(v -> issueOnLogin(rc));
        } else if (cookieValue(rc, sessionCookie) != null) {
            if (isPublicResource(path)) {
                // Nothing here depends on who asks: without the cookies the request is anonymous, so
                // authentication neither decrypts (nor renews) the session cookie nor reads the user.
                removeSessionCookies(rc);
            } else {
                String login = cookieValue(rc, LoginCookie.NAME);
                LoginCookie.Login valid = cookies().verify(login, Instant.now(), config.session().absoluteLifetime(), null);
                if (valid != null) {
                    rc.put(LoginCookie.NAME, valid);
                } else {
                    dropSession(rc);
                }
            }
        }
        rc.next();
    }

    /**
     * Paths that look the same to everyone and are permitted to anyone (application.properties'
     * {@code public} permission, less /login, whose layout shows who is logged in).
     */
    static boolean isPublicResource(String path) {
        return path.startsWith("/static/") || path.equals("/q/health") || path.startsWith("/q/health/")
                || path.equals("/favicon.ico");
    }

    /** The login cookie that {@link #filter} accepted for this request, or null. */
    static LoginCookie.Login acceptedLogin(RoutingContext rc) {
        return rc == null ? null : rc.get(LoginCookie.NAME);
    }

    /**
     * Reads a cookie from the raw header. Vert.x caches the cookies it parsed, so they are read
     * here without parsing: the header can then still be changed before authentication reads it.
     */
    private static String cookieValue(RoutingContext rc, String name) {
        String header = rc.request().headers().get(HttpHeaders.COOKIE);
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String trimmed = part.trim();
            if (trimmed.startsWith(name + "=")) {
                return trimmed.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** The form-auth mechanism answered the login: if it set a session, record when it began. */
    private void issueOnLogin(RoutingContext rc) {
        // Success redirects to the landing page, failure to the login page with ?error.
        String location = rc.response().headers().get(HttpHeaders.LOCATION);
        boolean loggedIn = rc.response().getStatusCode() / 100 == 3 && location != null && !location.contains("/login");
        String username = rc.request().getFormAttribute("j_username");
        if (loggedIn && username != null) {
            // Secure over HTTPS, also behind a TLS proxy whose forwarded headers Quarkus trusts (quarkus.http.proxy.*)
            rc.response().addCookie(Cookie.cookie(LoginCookie.NAME, cookies().issue(username.strip(), Instant.now()))
                    .setSecure(rc.request().isSSL())
                    .setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT));
        }
    }

    /** Removes the form-auth cookie from this request and tells the browser to forget both cookies. */
    private void dropSession(RoutingContext rc) {
        removeSessionCookies(rc);
        forget(rc);
    }

    /**
     * Tells the browser to forget both cookies: also used when authentication refuses a session this
     * filter let through, so that the redirect to the login page does not come back with them.
     */
    void forget(RoutingContext rc) {
        rc.response().addCookie(Cookie.cookie(sessionCookie, "").setPath("/").setMaxAge(0));
        rc.response().addCookie(Cookie.cookie(LoginCookie.NAME, "").setPath("/").setMaxAge(0));
    }

    /** Removes the form-auth and login cookies from this request only, before authentication reads them. */
    private void removeSessionCookies(RoutingContext rc) {
        String header = rc.request().headers().get(HttpHeaders.COOKIE);
        if (header != null) {
            StringBuilder kept = new StringBuilder();
            for (String part : header.split(";")) {
                String trimmed = part.trim();
                if (!trimmed.startsWith(sessionCookie + "=") && !trimmed.startsWith(LoginCookie.NAME + "=")) {
                    kept.append(kept.isEmpty() ? "" : "; ").append(trimmed);
                }
            }
            rc.request().headers().set(HttpHeaders.COOKIE, kept.toString());
        }
    }
}
