package io.iotconsole.webhook;

import io.iotconsole.audit.AuditOutcome;
import io.iotconsole.audit.AuditRecorded;
import io.iotconsole.security.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: an audited change that an endpoint of its organisation chose becomes an event row and a
 * delivery per endpoint, written in the transaction of the change (the listener runs synchronously inside it), so
 * an event exists exactly when its change committed.
 */
@Component
class WebhookOutbox {
    private final WebhookRepository repository;
    private final JsonMapper json;
    private final Clock clock;

    WebhookOutbox(WebhookRepository repository, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    void on(AuditRecorded recorded) {
        var record = recorded.record();
        if (record.outcome() != AuditOutcome.SUCCESS || record.organizationId() == null) {
            return;
        }
        WebhookEvents.typeOf(record).ifPresent(type -> {
            Instant now = clock.instant();
            repository.insertEventForSubscribers(
                    TenantScope.internal(record.organizationId()),
                    newEventId(),
                    type,
                    body(type, WebhookEvents.data(type, record), now),
                    now);
        });
    }

    /** Writes one event for the endpoints; answers its id. */
    String queue(TenantScope scope, String type, Map<String, Object> data, List<UUID> endpoints) {
        Instant now = clock.instant();
        String id = newEventId();
        repository.insertEvent(scope, id, type, body(type, data, now), now);
        for (UUID endpoint : endpoints) {
            repository.insertDelivery(scope, endpoint, id, now);
        }
        return id;
    }

    private static String newEventId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    private String body(String type, Map<String, Object> data, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("data", data);
        return json.writeValueAsString(body);
    }
}
