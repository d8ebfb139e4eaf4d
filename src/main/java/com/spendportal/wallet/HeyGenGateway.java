package com.spendportal.wallet;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.vertx.http.HttpServer;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
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
 * minute. Demo accounts go to the portal's own fake of the endpoints instead ({@link #DEMO_PATH}).
 * Every endpoint goes through {@link #call}: one breaker for HeyGen (SmallRye allows a breaker's name on one method).
 */
@ApplicationScoped
class HeyGenGateway {

    static final String BREAKER = "heygen";
    static final String DEMO_PATH = "/demo-heygen";

    /**
     * One kind of request: how it is sent, what it reads (for messages) and how a 2xx body is read; the parser runs
     * inside the guard, so an answer that cannot be read counts against the breaker as the wallet's always did.
     */
    record Call<T>(BiFunction<HeyGenClient, String, Response> send, String what, Function<String, T> parse) {
    }

    static final Call<UsersMe> USERS_ME = new Call<>(HeyGenClient::usersMe, "the wallet", UsersMe::parse);

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
    public <T> T call(String apiKey, Call<T> call) {
        return UpstreamCall.fetch(heygen, apiKey, call);
    }

    /** The built-in fake upstream of demo accounts, over HTTP on the portal's own port; not guarded. */
    public <T> T demoCall(String apiKey, Call<T> call) {
        return UpstreamCall.fetch(demoClient(), apiKey, call);
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
