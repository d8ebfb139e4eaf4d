package com.spendportal.alerts;

import com.spendportal.accounts.Account;
import com.spendportal.audit.Audit;
import com.spendportal.web.Flash;
import com.spendportal.web.PortalConfig;
import com.spendportal.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code /alerts}: what fires now, the history, the channels and every delivery (DESIGN §11). */
@Path("/alerts")
@Produces(MediaType.TEXT_HTML)
class AlertPages {

    static final int HISTORY = 100;
    static final int DELIVERIES = 50;

    @Inject
    Audit audit;

    @Inject
    PortalConfig config;

    @Inject
    SecurityIdentity identity;

    @Inject
    Deliveries deliveries;

    @Inject
    MailSender mails;

    /**
     * What the page shows; {@code account} narrows it to one account's alerts, {@code secret} is
     * a new webhook's signing secret, shown once.
     */
    record View(Account account, List<AlertViews.Line> firing, List<AlertViews.Line> history,
            List<NotificationChannel> channels, List<AlertViews.DeliveryLine> deliveries, Channels.Input form,
            Map<String, String> errors, NotificationChannel created, boolean mailLogged, LocalTime sendAt) {

        private boolean chatForm() {
            NotificationChannel.Kind kind = form.parsedKind();
            return kind != null && kind.chat();
        }

        /** The Slack/Teams form's URL as typed, when that form was refused. */
        public String chatUrl() {
            return chatForm() ? form.url() : "";
        }

        public String chatError() {
            return chatForm() ? errors.get("url") : null;
        }

        public String webhookUrl() {
            return chatForm() ? "" : form.url();
        }

        public String webhookError() {
            return chatForm() ? null : errors.get("url");
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance alerts(View view);
    }

    private TemplateInstance page(Long accountId, Channels.Input form, Map<String, String> errors, NotificationChannel created) {
        Account account = null;
        if (accountId != null) {
            account = Account.findById(accountId);
            if (account == null) {
                throw new NotFoundException();
            }
        }
        List<AlertViews.Line> all = AlertViews.list(null, accountId, HISTORY);
        return Templates.alerts(new View(account, all.stream().filter(l -> l.alert().state == Alert.State.FIRING).toList(),
                all, NotificationChannel.listInOrder(), AlertViews.deliveries(accountId, DELIVERIES), form, errors, created,
                !mails.sendsForReal(), config.statements().sendAt()));
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public TemplateInstance show(@RestQuery Long account) {
        return page(account, Channels.Input.emptyEmail(), Map.of(), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Path("channels")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response add(@RestForm String kind, @RestForm String address, @RestForm String url, @RestForm String chatUrl,
            @RestForm String statements) {
        boolean chat = "SLACK".equals(kind) || "TEAMS".equals(kind);
        Channels.Input input = new Channels.Input(kind, address, chat ? chatUrl : url, statements != null);
        Map<String, String> errors = input.validate(config.alerts().allowLocalNetwork());
        if (!errors.isEmpty()) {
            return Response.status(400).entity(page(null, input, errors, null)).build();
        }
        NotificationChannel created = Channels.create(input, identity.getPrincipal().getName(), audit);
        // Answered with the page rather than a redirect: a webhook's secret is shown here once and kept nowhere else.
        return Response.ok(page(null, Channels.Input.emptyEmail(), Map.of(), created)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Path("channels/{id}/test")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response test(@RestPath long id) {
        NotificationChannel channel = NotificationChannel.byId(id).orElseThrow(NotFoundException::new);
        deliveries.enqueueTest(channel);
        return Flash.redirect("/alerts", "Test event queued for " + channel.shown() + "; its delivery shows below.");
    }

    /** Subscribes an e-mail channel to the monthly statements ({@code statements=true}) or ends that. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Path("channels/{id}/statements")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response statements(@RestPath long id, @RestForm String statements) {
        NotificationChannel channel = NotificationChannel.byId(id).orElseThrow(NotFoundException::new);
        boolean on = "true".equals(statements);
        String problem = Channels.subscribe(channel, on, audit);
        if (problem != null) {
            return Flash.redirect("/alerts", problem);
        }
        return Flash.redirect("/alerts", on ? channel.shown() + " gets the monthly statements: the month that closed last within"
                + " minutes unless it had it already, then every month on the 1st after " + config.statements().sendAt() + " UTC."
                : channel.shown() + " no longer gets the monthly statements.");
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Path("channels/{id}/delete")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response delete(@RestPath long id) {
        NotificationChannel channel = NotificationChannel.byId(id).orElseThrow(NotFoundException::new);
        Channels.delete(channel, audit);
        return Flash.redirect("/alerts", "Channel " + channel.shown() + " removed, with its deliveries.");
    }
}
