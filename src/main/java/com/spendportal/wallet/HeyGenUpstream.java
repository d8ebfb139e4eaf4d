package com.spendportal.wallet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;

/**
 * HeyGen's job list (DESIGN §18) for the features that read it, on the wallet's guarded gateway: the same timeouts,
 * retries, circuit breaker and Retry-After reading, and demo accounts on the portal's own fake. Each method returns
 * what {@code parse} makes of a 2xx body, and throws {@link UpstreamFailure} (or Fault Tolerance's
 * {@code TimeoutException} / {@code CircuitBreakerOpenException}) for anything else.
 */
@ApplicationScoped
public class HeyGenUpstream {

    /** The page size the portal asks for: HeyGen's largest. */
    public static final int PAGE_SIZE = 100;
    private static final String JOB_LIST = "the job list";

    @Inject
    HeyGenGateway gateway;

    /** {@code GET /v3/videos?limit=100[&token=...]}: one page of the job list, newest first. */
    public <T> T videos(String apiKey, boolean demo, String token, Function<String, T> parse) {
        return call(apiKey, demo, new HeyGenGateway.Call<>((client, key) -> client.videos(key, PAGE_SIZE, token), JOB_LIST, parse));
    }

    /** {@code GET /v3/videos/{id}}: one job. */
    public <T> T video(String apiKey, boolean demo, String jobId, Function<String, T> parse) {
        return call(apiKey, demo, new HeyGenGateway.Call<>((client, key) -> client.video(key, jobId), JOB_LIST, parse));
    }

    /** {@code GET /v3/folders/{id}}: one folder's name. */
    public <T> T folder(String apiKey, boolean demo, String folderId, Function<String, T> parse) {
        return call(apiKey, demo, new HeyGenGateway.Call<>((client, key) -> client.folder(key, folderId), "the folder", parse));
    }

    /** While open, the portal does not ask HeyGen at all (a minute after repeated failures). */
    public boolean breakerOpen() {
        return gateway.breakerOpen();
    }

    private <T> T call(String apiKey, boolean demo, HeyGenGateway.Call<T> call) {
        return demo ? gateway.demoCall(apiKey, call) : gateway.call(apiKey, call);
    }
}
