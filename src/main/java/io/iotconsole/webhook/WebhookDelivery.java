package io.iotconsole.webhook;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.mail.MailLinks;
import io.iotconsole.mail.Mailer;
import io.iotconsole.mail.OutgoingMail;
import io.iotconsole.security.TenantScope;
import io.iotconsole.user.User;
import io.iotconsole.user.Users;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due webhook deliveries, on every instance at once: a short transaction claims due rows ({@code FOR UPDATE
 * SKIP LOCKED}) and leases them, the requests go out with no transaction open, and each outcome is written in a
 * transaction of its own. A failure is tried again with exponential back-off and jitter; an endpoint that has
 * failed for {@code console.webhooks.disable-after} is disabled and its organisation's Owner is mailed.
 */
@Component
class WebhookDelivery implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final int BATCH = 20;
    private static final int EXCERPT = 500;
    private final WebhookRepository repository;
    private final WebhookSecrets secrets;
    private final WebhookProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final Mailer mailer;
    private final MailLinks links;
    private final Users users;
    private final HttpClient http;
    private final ExecutorService senders;

    WebhookDelivery(
            WebhookRepository repository,
            WebhookSecrets secrets,
            WebhookProperties properties,
            TransactionTemplate tx,
            Clock clock,
            AuditLog audit,
            Mailer mailer,
            MailLinks links,
            Users users) {
        this.repository = repository;
        this.secrets = secrets;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.mailer = mailer;
        this.links = links;
        this.users = users;
        this.senders = Executors.newFixedThreadPool(Math.max(1, properties.concurrency()), r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        // no redirects: an endpoint must not send the console's signed requests elsewhere
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.timeout())
                .build();
    }

    @Scheduled(fixedDelayString = "${console.webhooks.poll-interval:PT1S}")
    void deliverDue() {
        if (!properties.deliveryEnabled()) {
            return;
        }
        List<WebhookRepository.Claimed> claimed;
        do {
            Instant now = clock.instant();
            // a lease long enough for a try to finish; a try cut short by a stopped instance is made after it
            Instant lease = now.plus(properties.timeout().multipliedBy(3)).plusSeconds(30);
            claimed = tx.execute(status -> repository.claimDue(now, lease, BATCH));
            if (claimed == null || claimed.isEmpty()) {
                return;
            }
            List<Future<?>> running = new ArrayList<>();
            for (var delivery : claimed) {
                running.add(senders.submit(() -> deliver(delivery)));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    log.warn("A webhook delivery failed unexpectedly", e.getCause());
                }
            }
        } while (claimed.size() == BATCH);
    }

    private record Outcome(
            @Nullable Integer status, @Nullable String answer, int durationMs) {
        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private void deliver(WebhookRepository.Claimed d) {
        Instant at = clock.instant();
        Outcome outcome = send(d, at);
        tx.executeWithoutResult(status -> record(d, at, outcome));
    }

    private Outcome send(WebhookRepository.Claimed d, Instant at) {
        String refused = WebhookUrls.problem(d.url(), properties.allowHttp(), properties.allowPrivateAddresses());
        if (refused != null) {
            return new Outcome(null, "Not sent: " + refused, 0);
        }
        try {
            return post(d, at);
        } catch (RuntimeException e) {
            // a secret the key no longer opens, say: a failed try like any other, never a delivery stuck in its lease
            log.warn("Webhook delivery {} not sent", d.id(), e);
            return new Outcome(null, excerpt("Not sent: " + e.getClass().getSimpleName() + " " + e.getMessage()), 0);
        }
    }

    private Outcome post(WebhookRepository.Claimed d, Instant at) {
        long timestamp = at.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(d.url().strip()))
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "IoT-Console-Webhooks")
                .header("webhook-id", d.eventId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header(
                        "webhook-signature",
                        WebhookSecrets.sign(secrets.decrypt(d.secret()), d.eventId(), timestamp, d.body()))
                .POST(HttpRequest.BodyPublishers.ofString(d.body(), StandardCharsets.UTF_8))
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String answer;
            try (InputStream body = response.body()) {
                answer = new String(body.readNBytes(EXCERPT), StandardCharsets.UTF_8);
            }
            if (response.statusCode() >= 300 && response.statusCode() < 400) {
                answer = "Redirect not followed (to "
                        + response.headers().firstValue("Location").orElse("?") + ") " + answer;
            }
            return new Outcome(response.statusCode(), excerpt(answer), millisSince(start));
        } catch (HttpTimeoutException e) {
            return new Outcome(null, "No answer within " + properties.timeout().toSeconds() + " s", millisSince(start));
        } catch (IOException e) {
            String why = e instanceof java.net.ConnectException
                    ? "could not connect"
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            return new Outcome(null, excerpt("Not delivered: " + why), millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "Interrupted: the console stopped", millisSince(start));
        }
    }

    private void record(WebhookRepository.Claimed d, Instant at, Outcome outcome) {
        TenantScope scope = TenantScope.internal(d.organizationId());
        repository.insertAttempt(
                scope, d.id(), d.endpointId(), at, outcome.status(), outcome.answer(), outcome.durationMs());
        if (outcome.succeeded()) {
            repository.delivered(scope, d.id(), d.endpointId(), at);
            return;
        }
        int tries = d.attempts() + 1;
        repository.failed(scope, d.id(), tries >= properties.maxAttempts() ? null : at.plus(backoff(tries)));
        Instant since = repository.failingSince(scope, d.endpointId(), at);
        if (!since.isAfter(at.minus(properties.disableAfter()))) {
            String reason = "Disabled on " + at + ": every try failed since " + since;
            if (repository.disable(scope, d.endpointId(), reason, at)) {
                disabled(d, reason);
            }
        }
    }

    /** base × 2^(tries − 1), at most the maximum, then ±25% so that many failing deliveries do not retry in step. */
    Duration backoff(int tries) {
        long base = properties.retryBase().toMillis();
        long max = properties.retryMax().toMillis();
        long delay = Math.min(max, base << Math.min(tries - 1, 30));
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.max(1, (long) (delay * jitter)));
    }

    private void disabled(WebhookRepository.Claimed d, String reason) {
        audit.record(new AuditRecord(
                d.organizationId(),
                "WEBHOOK_DISABLED",
                "WEBHOOK",
                d.endpointId().toString(),
                d.url(),
                io.iotconsole.audit.AuditOutcome.SUCCESS,
                reason,
                null,
                "IoT Console"));
        log.warn("Webhook endpoint {} ({}) disabled: {}", d.endpointId(), d.url(), reason);
        User owner = users.ownerOf(d.organizationId()).orElse(null);
        if (owner == null || owner.email() == null) {
            return;
        }
        String link = links.baseUrl() + "/webhooks/" + d.endpointId();
        mailer.queue(new OutgoingMail(
                d.organizationId(),
                owner.email(),
                "A webhook endpoint was disabled",
                "Hello " + owner.name() + ",\n\n"
                        + "Every delivery to your webhook endpoint\n\n  " + d.url() + "\n\n"
                        + "has failed for " + describe(properties.disableAfter()) + ", so IoT Console stopped"
                        + " sending to it; events queued before then wait, and it gets no new ones.\n\n"
                        + "Look at its delivery log and enable it again once it answers:\n" + link + "\n",
                link));
    }

    private static String describe(Duration d) {
        return d.toHours() == 24 ? "a day" : d.toHours() >= 1 ? d.toHours() + " hours" : d.toMinutes() + " minutes";
    }

    private static @Nullable String excerpt(@Nullable String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return t.length() > EXCERPT ? t.substring(0, EXCERPT - 1) + "…" : t;
    }

    private static int millisSince(long startNanos) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startNanos) / 1_000_000);
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
    }
}
