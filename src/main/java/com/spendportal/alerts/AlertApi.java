package com.spendportal.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.spendportal.audit.Audit;
import com.spendportal.web.ApiException;
import com.spendportal.web.PatchBody;
import com.spendportal.web.PortalConfig;
import com.spendportal.web.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The alerts and notification channels of DESIGN §11 as JSON; admins manage channels, viewers read. */
@Path("/api")
@Tag(name = "Alerts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class AlertApi {

    @Inject
    Audit audit;

    @Inject
    PortalConfig config;

    @Inject
    Deliveries deliveries;

    @Inject
    SecurityIdentity identity;

    /**
     * A channel as the API shows it: {@code address} or {@code url} (a Slack or Teams URL by its host only: the rest
     * is a credential), and {@code secret} only when a webhook is created.
     */
    @Schema(name = "Channel", requiredProperties = { "id", "kind", "statements", "createdAt", "createdBy" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChannelJson(long id, NotificationChannel.Kind kind, String address, String url, String secret,
            @Schema(description = "Whether this e-mail channel gets the monthly statement mail (always false for other kinds).")
            boolean statements, Instant createdAt, String createdBy) {

        static ChannelJson of(NotificationChannel channel, boolean withSecret) {
            boolean email = channel.kind == NotificationChannel.Kind.EMAIL;
            return new ChannelJson(channel.id, channel.kind, email ? channel.target : null, email ? null : channel.shown(),
                    withSecret ? channel.secret : null, channel.statements, channel.createdAt, channel.createdBy);
        }
    }

    @Schema(name = "Delivery")
    record DeliveryJson(long id, String eventId, String eventType, long channelId, AlertDelivery.State state, int attempts,
            Instant nextAttemptAt) {
    }

    @GET
    @Path("alerts")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public List<AlertJson> alerts(@Parameter(schema = @Schema(implementation = Alert.State.class)) @RestQuery String state,
            @Parameter(description = "Only this account's alerts", schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
            @RestQuery String accountId) {
        Long account = ApiException.longParameter("accountId", accountId);
        Alert.State wanted = null;
        if (state != null && !state.isBlank()) {
            try {
                wanted = Alert.State.valueOf(state.strip());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(Map.of("state", "FIRING or RESOLVED."));
            }
        }
        return AlertViews.list(wanted, account, 1_000).stream().map(AlertViews.Line::json).toList();
    }

    @GET
    @Path("notification-channels")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public List<ChannelJson> channels() {
        return NotificationChannel.listInOrder().stream().map(c -> ChannelJson.of(c, false)).toList();
    }

    record CreateChannel(String kind, String address, String url,
            @Schema(description = "An e-mail channel only: also send it the monthly statements (DESIGN §16).") Boolean statements) {
    }

    /** The one thing a channel's PATCH changes. */
    record ChannelChanges(@Schema(required = true) boolean statements) {
    }

    @POST
    @Path("notification-channels")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @APIResponse(responseCode = "201", description = "Created; a webhook's secret is in this answer only.",
            content = @Content(schema = @Schema(implementation = ChannelJson.class)))
    public Response create(CreateChannel body) {
        if (body == null) {
            throw new ApiException(400, "invalid", "Send {\"kind\":\"EMAIL\",\"address\":...[,\"statements\":true]} or {\"kind\":\"WEBHOOK\"|\"SLACK\"|\"TEAMS\",\"url\":...}.");
        }
        Channels.Input input = new Channels.Input(body.kind(), body.address(), body.url(), Boolean.TRUE.equals(body.statements()));
        Map<String, String> errors = input.validate(config.alerts().allowLocalNetwork());
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        NotificationChannel channel = Channels.create(input, identity.getPrincipal().getName(), audit);
        return Response.created(URI.create("/api/notification-channels/" + channel.id)).entity(ChannelJson.of(channel, true))
                .build();
    }

    /** Subscribes an e-mail channel to the monthly statement mail, or ends that: {@code {"statements": true|false}}. */
    @PATCH
    @Path("notification-channels/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ChannelChanges.class)))
    public ChannelJson update(@RestPath long id, JsonNode body) {
        NotificationChannel channel = channel(id);
        Map<String, String> errors = PatchBody.check(body, List.of("statements"));
        JsonNode statements = body.get("statements");
        if (statements != null && !statements.isBoolean()) {
            errors.put("statements", "true or false.");
        }
        if (errors.isEmpty() && statements != null) {
            String problem = Channels.subscribe(channel, statements.booleanValue(), audit);
            if (problem != null) {
                errors.put("statements", problem);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return ChannelJson.of(channel, false);
    }

    @DELETE
    @Path("notification-channels/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @APIResponse(responseCode = "204", description = "Deleted.")
    public Response delete(@RestPath long id) {
        Channels.delete(channel(id), audit);
        return Response.noContent().build();
    }

    @POST
    @Path("notification-channels/{id}/test")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @APIResponse(responseCode = "202", description = "A test event is queued for the channel.",
            content = @Content(schema = @Schema(implementation = DeliveryJson.class)))
    public Response test(@RestPath long id) {
        AlertDelivery delivery = deliveries.enqueueTest(channel(id));
        return Response.accepted(new DeliveryJson(delivery.id, delivery.eventId, delivery.eventType, delivery.channelId,
                delivery.state, delivery.attempts, delivery.nextAttemptAt)).build();
    }

    private static NotificationChannel channel(long id) {
        return NotificationChannel.byId(id)
                .orElseThrow(() -> ApiException.notFound("No notification channel with id " + id + "."));
    }
}
