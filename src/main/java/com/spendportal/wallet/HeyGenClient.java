package com.spendportal.wallet;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * HeyGen's {@code GET /v3/users/me}. The key travels only in the {@code x-api-key} header. The raw
 * response is returned (the default exception mapper is disabled) so that {@link UpstreamCall} reads
 * the status, the Retry-After header and the body text itself.
 */
@RegisterRestClient(configKey = "heygen")
@Path("/v3/users/me")
public interface HeyGenClient {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Response usersMe(@HeaderParam("x-api-key") String apiKey);
}
