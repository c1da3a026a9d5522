package io.iotconsole.webhook;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Permission;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.shared.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organisation's webhook endpoints: registering, changing, deleting them, rotating their secret, a test ping, the
 * delivery log and sending a delivery again. Held by Owners and Admins through {@code account.company} (the table
 * has no row of its own for webhooks); the operator reaches every organisation's.
 */
@Service
public class Webhooks {
    static final Permission PERMISSION = Permission.ACCOUNT_COMPANY;
    private static final int LOG_SIZE = 100;
    private final WebhookRepository repository;
    private final WebhookSecrets secrets;
    private final WebhookOutbox outbox;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final WebhookProperties properties;
    private final Clock clock;

    Webhooks(
            WebhookRepository repository,
            WebhookSecrets secrets,
            WebhookOutbox outbox,
            AccessPolicy access,
            AuditLog audit,
            WebhookProperties properties,
            Clock clock) {
        this.repository = repository;
        this.secrets = secrets;
        this.outbox = outbox;
        this.access = access;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new endpoint with its secret, which is shown this once. */
    public record Created(WebhookEndpoint endpoint, String secret) {}

    @Transactional(readOnly = true)
    public List<WebhookEndpoint> list(@Nullable UUID organizationId) {
        return repository.list(access.scope(PERMISSION, organizationId));
    }

    @Transactional(readOnly = true)
    public WebhookEndpoint get(UUID id) {
        return load(access.scope(PERMISSION), id);
    }

    @Transactional
    public Created create(WebhookInput in, @Nullable UUID organizationId) {
        TenantScope scope = access.scope(PERMISSION, organizationId);
        UUID org = scope.organizationId("organizationId");
        Checked checked = check(in, null);
        String secret = secrets.generate();
        UUID id = UUID.randomUUID();
        repository.insert(
                TenantScope.internal(org),
                id,
                checked.url(),
                checked.description(),
                checked.types(),
                secrets.encrypt(secret),
                clock.instant());
        WebhookEndpoint endpoint = load(scope, id);
        audit.record(record(endpoint, "WEBHOOK_CREATED").withDetail("events " + String.join(", ", checked.types())));
        return new Created(endpoint, secret);
    }

    @Transactional
    public WebhookEndpoint update(UUID id, WebhookInput in) {
        TenantScope scope = access.scope(PERMISSION);
        WebhookEndpoint current = load(scope, id);
        Checked checked = check(in, current);
        boolean enabled = in.enabled() == null ? current.enabled() : in.enabled();
        repository.update(scope, id, checked.url(), checked.description(), checked.types(), enabled, clock.instant());
        WebhookEndpoint saved = load(scope, id);
        audit.record(record(saved, "WEBHOOK_UPDATED")
                .withDetail((enabled ? "enabled" : "disabled") + "; events " + String.join(", ", checked.types())));
        return saved;
    }

    @Transactional
    public void delete(UUID id) {
        TenantScope scope = access.scope(PERMISSION);
        WebhookEndpoint endpoint = load(scope, id);
        repository.delete(scope, id);
        audit.record(record(endpoint, "WEBHOOK_DELETED"));
    }

    /** A new secret, shown this once; the old one stops signing at once. */
    @Transactional
    public String rotateSecret(UUID id) {
        TenantScope scope = access.scope(PERMISSION);
        WebhookEndpoint endpoint = load(scope, id);
        String secret = secrets.generate();
        repository.setSecret(scope, id, secrets.encrypt(secret), clock.instant());
        audit.record(record(endpoint, "WEBHOOK_SECRET_ROTATED"));
        return secret;
    }

    /** Queues a {@code webhook.ping} event to this endpoint alone (even a disabled one is tried once it is enabled). */
    @Transactional
    public String ping(UUID id) {
        TenantScope scope = access.scope(PERMISSION);
        WebhookEndpoint endpoint = load(scope, id);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organizationId", endpoint.organizationId().toString());
        data.put("endpointId", endpoint.id().toString());
        String event = outbox.queue(
                TenantScope.internal(endpoint.organizationId()), WebhookEvents.PING, data, List.of(endpoint.id()));
        audit.record(record(endpoint, "WEBHOOK_PINGED").withDetail(event));
        return event;
    }

    /** The newest tries first. */
    @Transactional(readOnly = true)
    public List<WebhookAttempt> attempts(UUID id) {
        TenantScope scope = access.scope(PERMISSION);
        load(scope, id);
        return repository.attempts(scope, id, LOG_SIZE);
    }

    /** Makes a delivery due now again, with a fresh count of tries. */
    @Transactional
    public void sendAgain(UUID id, UUID delivery) {
        TenantScope scope = access.scope(PERMISSION);
        WebhookEndpoint endpoint = load(scope, id);
        if (!repository.sendAgain(scope, id, delivery, clock.instant())) {
            throw new NotFoundException("Delivery");
        }
        audit.record(record(endpoint, "WEBHOOK_DELIVERY_SENT_AGAIN").withDetail("delivery " + delivery));
    }

    public boolean httpAllowed() {
        return properties.allowHttp();
    }

    private WebhookEndpoint load(TenantScope scope, UUID id) {
        return repository.find(scope, id).orElseThrow(() -> new NotFoundException("Webhook endpoint"));
    }

    private static AuditRecord record(WebhookEndpoint endpoint, String action) {
        return AuditRecord.success(endpoint.organizationId(), action, "WEBHOOK", endpoint.id(), endpoint.url());
    }

    private record Checked(String url, @Nullable String description, List<String> types) {}

    private Checked check(WebhookInput in, @Nullable WebhookEndpoint current) {
        List<FieldProblem> problems = new ArrayList<>();
        String url = in.url() == null && current != null ? current.url() : in.url();
        String urlProblem = WebhookUrls.problem(url, properties.allowHttp(), properties.allowPrivateAddresses());
        if (urlProblem != null) {
            problems.add(new FieldProblem("url", urlProblem));
        }
        String description = in.description() == null && current != null ? current.description() : in.description();
        if (description != null) {
            description = description.strip();
            if (description.isEmpty()) {
                description = null;
            } else if (description.length() > 200) {
                problems.add(new FieldProblem("description", "At most 200 characters"));
            }
        }
        List<String> types = in.eventTypes() == null && current != null ? current.eventTypes() : in.eventTypes();
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        if (types == null || types.isEmpty()) {
            problems.add(new FieldProblem("eventTypes", "Choose at least one event"));
        } else {
            for (String type : types) {
                if (type == null || !WebhookEvents.known(type.strip())) {
                    problems.add(new FieldProblem("eventTypes", "Unknown event type: " + type));
                } else {
                    chosen.add(type.strip());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(url.strip(), description, List.copyOf(chosen));
    }
}
