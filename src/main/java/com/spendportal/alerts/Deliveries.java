package com.spendportal.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.spendportal.web.Fatal;
import com.spendportal.web.PortalConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends each alert transition once to every channel (DESIGN §11), through a queue in the database.
 *
 * <p>{@link #enqueue} writes one PENDING delivery per channel in the caller's transaction, the one
 * that changes the alert: the transition and its deliveries are stored together or not at all, and
 * once stored they survive a restart. The body, with its event id, is fixed then, so every retry
 * sends the same event.
 *
 * <p>A worker ({@link #deliverDue}, every {@code portal.alerts.delivery-tick}) sends what is due.
 * Each attempt first claims its delivery with a conditional UPDATE of {@code claimed_until} (a
 * lease far longer than an attempt can take), so of several instances exactly one makes it; an
 * instance that dies mid-attempt leaves the delivery to the others once the lease has passed. Each
 * channel has its own lane, one attempt after another, on a small pool: a hanging webhook holds up
 * only its own lane, and no page ever waits for a delivery. A 2xx (or a mail accepted by the SMTP
 * server) is DELIVERED; anything else is retried after {@code webhook-retry-initial * 2^(attempts-1)}
 * and given up as FAILED after {@code max-attempts}.
 */
@ApplicationScoped
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    /** Far longer than one attempt can take (a webhook 15 s, a mail the mailer's timeout). */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(2);
    static final int LANES = 8;
    /** Attempts one lane makes before giving its thread back to the other channels' lanes. */
    static final int ATTEMPTS_PER_LANE = 20;
    private static final int ERROR_MAX = 500;

    @Inject
    ObjectMapper mapper;

    @Inject
    PortalConfig config;

    @Inject
    WebhookSender webhooks;

    @Inject
    MailSender mails;

    @Inject
    ChatSender chats;

    @Inject
    DeliveryMeters meters;

    /** Queues its mails through this class, which sends them (both application-scoped: the cycle goes through a proxy). */
    @Inject
    StatementMails statementMails;

    /** Queues the showback mails through this class, which sends them (a cycle through a proxy, as above). */
    @Inject
    ShowbackMails showbackMails;

    private final Map<Long, CompletableFuture<Void>> lanes = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(LANES, new Threads());

    /** A claimed delivery: {@code claimedUntil} is the claim's mark, only its holder records the attempt. */
    record Claim(long id, Instant claimedUntil) {
    }

    /**
     * Queues {@code eventType} ({@link AlertDelivery#FIRED} or {@link AlertDelivery#RESOLVED}) of
     * {@code alert} to every channel, as one event; in the caller's transaction, the one that makes
     * the transition.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(Alert alert, String accountName, String eventType) {
        if (!AlertDelivery.FIRED.equals(eventType) && !AlertDelivery.RESOLVED.equals(eventType)) {
            throw new IllegalArgumentException("Not an alert transition: " + eventType);
        }
        AlertEvent event = event(eventType, AlertJson.of(alert, accountName));
        String body = json(event);
        for (NotificationChannel channel : NotificationChannel.listInOrder()) {
            queue(event, body, alert.id, channel);
        }
    }

    /**
     * Queues a cost centre's budget alert transition (DESIGN §19) to every channel and to the centre owner's e-mail
     * address, if it has one that is not already an e-mail channel, as one event; in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueBudget(Alert alert, String centreName, String ownerEmail, String eventType) {
        if (!AlertDelivery.FIRED.equals(eventType) && !AlertDelivery.RESOLVED.equals(eventType)) {
            throw new IllegalArgumentException("Not an alert transition: " + eventType);
        }
        AlertEvent event = event(eventType, AlertJson.of(alert, null, centreName));
        String body = json(event);
        boolean ownerIsChannel = false;
        for (NotificationChannel channel : NotificationChannel.listInOrder()) {
            queue(event, body, alert.id, channel);
            ownerIsChannel |= channel.kind == NotificationChannel.Kind.EMAIL && channel.target.equalsIgnoreCase(ownerEmail);
        }
        if (ownerEmail != null && !ownerIsChannel) {
            queueTo(event.id(), event.type(), body, ownerEmail, event.sentAt()).alertId = alert.id;
        }
    }

    /** Queues a test event to {@code channel} only; in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AlertDelivery enqueueTest(NotificationChannel channel) {
        AlertEvent event = event(AlertDelivery.TEST, null);
        return queue(event, json(event), null, channel);
    }

    private AlertDelivery queue(AlertEvent event, String body, Long alertId, NotificationChannel channel) {
        AlertDelivery delivery = queue(event.id(), event.type(), body, channel, event.sentAt());
        delivery.alertId = alertId;
        return delivery;
    }

    /** One PENDING delivery of an event to a channel, due at once; in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    AlertDelivery queue(String eventId, String eventType, String body, NotificationChannel channel, Instant at) {
        return queue(eventId, eventType, body, channel.id, null, at);
    }

    /**
     * One PENDING delivery of an event to an e-mail address that is no channel (a cost centre's owner), due at once; in
     * the caller's transaction. {@code (event_id, to_address)} is unique.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    AlertDelivery queueTo(String eventId, String eventType, String body, String address, Instant at) {
        return queue(eventId, eventType, body, null, address, at);
    }

    private AlertDelivery queue(String eventId, String eventType, String body, Long channelId, String address, Instant at) {
        AlertDelivery delivery = new AlertDelivery();
        delivery.eventId = eventId;
        delivery.eventType = eventType;
        delivery.channelId = channelId;
        delivery.toAddress = address;
        delivery.body = body;
        delivery.state = AlertDelivery.State.PENDING;
        delivery.attempts = 0;
        delivery.createdAt = at;
        delivery.nextAttemptAt = at;
        delivery.persist();
        return delivery;
    }

    /** A new event: its own id, sent (queued) now. */
    private static AlertEvent event(String type, AlertJson alert) {
        return new AlertEvent(UUID.randomUUID().toString(), type, alert, Instant.now(), text(alert, type));
    }

    private String json(AlertEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An alert event always serializes", e);
        }
    }

    /** The one-line summary for chat relays, escaped as Slack's text wants it. */
    static String text(AlertJson alert, String type) {
        String line = alert == null ? "[Spend Portal] Test message: this channel receives the portal's alerts."
                : MailSender.subject(alert, AlertDelivery.FIRED.equals(type)) + " (" + alert.message() + ")";
        return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Scheduled(identity = "alert-deliveries", every = "${portal.alerts.delivery-tick:2s}",
            delayed = "${portal.alerts.delivery-tick:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        deliverDue();
    }

    /**
     * Starts a lane for every channel with due deliveries (or joins the one running) and returns
     * when those lanes are done: what the scheduler does every tick, for a caller that wants it now.
     */
    public CompletableFuture<Void> deliverDue() {
        Instant now = Instant.now();
        List<Long> channels = QuarkusTransaction.requiringNew().call(() -> AlertDelivery.getEntityManager()
                .createQuery("select distinct coalesce(d.channelId, " + OWNERS + "L) from AlertDelivery d where d.state = ?1"
                        + " and d.nextAttemptAt <= ?2 and (d.claimedUntil is null or d.claimedUntil <= ?2)", Long.class)
                .setParameter(1, AlertDelivery.State.PENDING).setParameter(2, now).getResultList());
        return CompletableFuture.allOf(channels.stream().map(this::lane).toArray(CompletableFuture[]::new));
    }

    /**
     * The lane of the deliveries to cost centre owners' addresses (no channel id is negative): one lane for them all,
     * as they all go through the one SMTP server.
     */
    static final long OWNERS = -1;

    private CompletableFuture<Void> lane(long channelId) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = lanes.putIfAbsent(channelId, mine);
        if (running != null) {
            return running;
        }
        try {
            pool.execute(() -> {
                try {
                    drain(channelId);
                } catch (RuntimeException e) {
                    Fatal.ifOutOfMemory(e);
                    LOG.errorf(e, "Alert deliveries to channel %d stopped unexpectedly; the next tick goes on", channelId);
                } finally {
                    lanes.remove(channelId, mine);
                    mine.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            lanes.remove(channelId, mine);
            mine.complete(null); // stopping: the deliveries stay PENDING for the next start
        }
        return mine;
    }

    private void drain(long channelId) {
        for (int i = 0; i < ATTEMPTS_PER_LANE && !pool.isShutdown(); i++) {
            Claim claim = claimNext(channelId);
            if (claim == null) {
                return;
            }
            attempt(claim);
        }
    }

    /** Claims the channel's next due delivery for one attempt, or null when none is due (or others took them). */
    Claim claimNext(long channelId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            Instant until = now.plus(CLAIM_LEASE).truncatedTo(ChronoUnit.MILLIS);
            List<Long> due = AlertDelivery.getEntityManager().createQuery("select d.id from AlertDelivery d"
                    + " where coalesce(d.channelId, " + OWNERS + "L) = ?1 and d.state = ?2 and d.nextAttemptAt <= ?3"
                    + " and (d.claimedUntil is null or d.claimedUntil <= ?3) order by d.nextAttemptAt, d.id", Long.class)
                    .setParameter(1, channelId).setParameter(2, AlertDelivery.State.PENDING).setParameter(3, now)
                    .setMaxResults(5).getResultList();
            for (long id : due) {
                int claimed = AlertDelivery.update("claimedUntil = ?1 where id = ?2 and state = ?3 and nextAttemptAt <= ?4"
                        + " and (claimedUntil is null or claimedUntil <= ?4)", until, id, AlertDelivery.State.PENDING, now);
                if (claimed == 1) {
                    return new Claim(id, until);
                }
            }
            return null;
        });
    }

    /** What an attempt needs, read in one short transaction. */
    private record Job(String eventId, String eventType, String body, int attempts, NotificationChannel.Kind kind,
            String target, String secret) {
    }

    private void attempt(Claim claim) {
        Job job = QuarkusTransaction.requiringNew().call(() -> {
            AlertDelivery delivery = AlertDelivery.findById(claim.id());
            if (delivery != null && delivery.channelId == null) {
                return new Job(delivery.eventId, delivery.eventType, delivery.body, delivery.attempts,
                        NotificationChannel.Kind.EMAIL, delivery.toAddress, null);
            }
            NotificationChannel channel = delivery == null ? null : NotificationChannel.findById(delivery.channelId);
            return channel == null ? null
                    : new Job(delivery.eventId, delivery.eventType, delivery.body, delivery.attempts, channel.kind, channel.target,
                            channel.secret);
        });
        if (job == null) {
            return; // the channel was removed meanwhile, and its deliveries with it
        }
        Instant startedAt = Instant.now();
        SendResult result;
        try {
            if (AlertDelivery.STATEMENTS.equals(job.eventType())) {
                result = statementMails.send(job.target(), job.body());
            } else if (AlertDelivery.SHOWBACK.equals(job.eventType())) {
                result = showbackMails.send(job.target(), job.body());
            } else {
                result = switch (job.kind()) {
                    case EMAIL -> mails.send(job.target(), job.body());
                    case WEBHOOK -> webhooks.send(job.target(), job.secret(), job.eventId(), job.body());
                    case SLACK, TEAMS -> chats.send(job.kind(), job.target(), job.body());
                };
            }
        } catch (RuntimeException e) {
            LOG.errorf("Alert delivery %d failed unexpectedly (%s)", claim.id(), e.getClass().getName());
            result = SendResult.failed(null, "unexpected error (" + e.getClass().getSimpleName() + ")");
        }
        record(claim, job, startedAt, result);
    }

    private void record(Claim claim, Job job, Instant startedAt, SendResult result) {
        Instant now = Instant.now();
        int attempts = job.attempts() + 1;
        AlertDelivery.State state = result.delivered() ? AlertDelivery.State.DELIVERED
                : attempts >= config.alerts().maxAttempts() ? AlertDelivery.State.FAILED : AlertDelivery.State.PENDING;
        meters.attempted(job.kind(), state);
        Instant next = state == AlertDelivery.State.PENDING ? now.plus(retryWait(attempts, config.alerts().webhookRetryInitial()))
                : null;
        String note = result.note() == null || result.note().length() <= ERROR_MAX ? result.note()
                : result.note().substring(0, ERROR_MAX - 1) + "…";
        int recorded = QuarkusTransaction.requiringNew().call(() -> AlertDelivery.update("state = ?1, attempts = ?2,"
                + " lastAttemptAt = ?3, lastStatus = ?4, lastError = ?5, nextAttemptAt = ?6, deliveredAt = ?7,"
                + " claimedUntil = null where id = ?8 and claimedUntil = ?9", state, attempts, startedAt, result.status(), note,
                next, result.delivered() ? now : null, claim.id(), claim.claimedUntil()));
        if (recorded == 0) {
            LOG.warnf("Alert delivery %d: attempt %d ended after its claim had passed or the delivery was removed", claim.id(),
                    attempts);
        } else if (state == AlertDelivery.State.DELIVERED) {
            LOG.debugf("Alert event %s delivered to channel %s (delivery %d)", job.eventId(), job.kind(), claim.id());
        } else if (state == AlertDelivery.State.FAILED) {
            LOG.warnf("Alert delivery %d (event %s, %s channel) failed %d times, given up: %s", claim.id(), job.eventId(),
                    job.kind(), attempts, note);
        } else {
            LOG.infof("Alert delivery %d (event %s, %s channel) attempt %d failed: %s; retried at %s", claim.id(),
                    job.eventId(), job.kind(), attempts, note, next);
        }
    }

    /** {@code initial * 2^(attempts-1)}: the wait after the {@code attempts}-th failed attempt. */
    static Duration retryWait(int attempts, Duration initial) {
        return initial.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 30));
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    private static final class Threads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "alert-delivery-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
