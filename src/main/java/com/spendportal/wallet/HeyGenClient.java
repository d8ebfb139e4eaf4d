package com.spendportal.wallet;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The HeyGen endpoints the portal reads: the wallet ({@code /v3/users/me}) and the job list (DESIGN §18). The key
 * travels only in the {@code x-api-key} header. The raw response is returned (the default exception mapper is
 * disabled) so that {@link UpstreamCall} reads the status, the Retry-After header and the body text itself.
 */
@RegisterRestClient(configKey = "heygen")
@Produces(MediaType.APPLICATION_JSON)
public interface HeyGenClient {

    @GET
    @Path("/v3/users/me")
    Response usersMe(@HeaderParam("x-api-key") String apiKey);

    /** One page of the job list, newest first; {@code token} is the previous page's {@code next_token} (null: the first). */
    @GET
    @Path("/v3/videos")
    Response videos(@HeaderParam("x-api-key") String apiKey, @QueryParam("limit") int limit, @QueryParam("token") String token);

    @GET
    @Path("/v3/videos/{id}")
    Response video(@HeaderParam("x-api-key") String apiKey, @PathParam("id") String id);

    @GET
    @Path("/v3/folders/{id}")
    Response folder(@HeaderParam("x-api-key") String apiKey, @PathParam("id") String id);
}
