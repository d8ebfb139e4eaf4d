package com.spendportal.wallet;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.vertx.http.HttpServer;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The one bean that calls HeyGen, guarded by SmallRye Fault Tolerance: each attempt is cut off after
 * 5 s, a 5xx / timeout / connection failure is retried at most twice with jittered backoff (never a
 * 401, 403, 429 or other 4xx), no retry starts once 2.5 s have passed (so a refresh ends within
 * about 8 s whatever the upstream does), and a circuit breaker stops asking a failing HeyGen for a
 * minute. Demo accounts go to the portal's own fake of the endpoint instead ({@link #DEMO_PATH}).
 */
@ApplicationScoped
class HeyGenGateway {

    static final String BREAKER = "heygen";
    static final String DEMO_PATH = "/demo-heygen";

    @Inject
    @RestClient
    HeyGenClient heygen;

    @Inject
    HttpServer httpServer;

    @Inject
    CircuitBreakerMaintenance breakers;

    private volatile HeyGenClient demo;

    @Retry(maxRetries = 2, delay = 250, jitter = 200, maxDuration = 2500,
            retryOn = { UpstreamFailure.Retryable.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 60_000, successThreshold = 1,
            skipOn = UpstreamFailure.Rejected.class)
    @CircuitBreakerName(BREAKER)
    @Timeout(5000)
    public UsersMe usersMe(String apiKey) {
        return UpstreamCall.fetch(heygen, apiKey);
    }

    /** The built-in fake upstream of demo accounts, over HTTP on the portal's own port; not guarded. */
    public UsersMe demoUsersMe(String apiKey) {
        return UpstreamCall.fetch(demoClient(), apiKey);
    }

    boolean breakerOpen() {
        return breakers.currentState(BREAKER) == CircuitBreakerState.OPEN;
    }

    private HeyGenClient demoClient() {
        HeyGenClient client = demo;
        if (client == null) {
            client = QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create("http://localhost:" + httpServer.getPort() + DEMO_PATH))
                    .connectTimeout(3, TimeUnit.SECONDS)
                    .readTimeout(5, TimeUnit.SECONDS)
                    .disableDefaultMapper(true)
                    .build(HeyGenClient.class);
            demo = client;
        }
        return client;
    }
}
