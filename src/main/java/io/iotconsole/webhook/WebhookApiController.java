package io.iotconsole.webhook;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Webhook endpoints through the Management API: the same as the Webhooks page. */
@RestController
class WebhookApiController {
    private final Webhooks webhooks;

    WebhookApiController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    record NewEndpoint(
            @Nullable String url,
            @Nullable String description,
            @Nullable List<String> eventTypes,
            @Nullable UUID organizationId) {}

    record ChangedEndpoint(
            @Nullable String url,
            @Nullable String description,
            @Nullable List<String> eventTypes,
            @Nullable Boolean enabled) {}

    /** An endpoint with its signing secret: only in the answer that made or rotated it. */
    record EndpointWithSecret(WebhookEndpoint endpoint, String secret) {}

    @Allow(Permission.ACCOUNT_COMPANY)
    @GetMapping("/api/v1/webhooks/event-types")
    @Operation(summary = "The event types an endpoint can choose")
    List<WebhookEvents.Type> listWebhookEventTypes() {
        return WebhookEvents.TYPES;
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @GetMapping("/api/v1/webhooks")
    @Operation(summary = "The organisation's webhook endpoints (the operator's: every organisation's, or one's)")
    List<WebhookEndpoint> listWebhooks(@RequestParam(required = false) @Nullable UUID organizationId) {
        return webhooks.list(organizationId);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @Allow(Permission.ACCOUNT_COMPANY)
    @PostMapping("/api/v1/webhooks")
    @Operation(
            summary = "Register an endpoint",
            description = "HTTPS only (plain HTTP for loopback addresses). The answer holds the signing secret"
                    + " (whsec_...), shown this once. Deliveries carry the Standard Webhooks headers webhook-id,"
                    + " webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of id.timestamp.body>).")
    ResponseEntity<EndpointWithSecret> createWebhook(@RequestBody NewEndpoint body) {
        var created = webhooks.create(
                new WebhookInput(body.url(), body.description(), body.eventTypes(), null), body.organizationId());
        return ResponseEntity.created(
                        URI.create("/api/v1/webhooks/" + created.endpoint().id()))
                .body(new EndpointWithSecret(created.endpoint(), created.secret()));
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @GetMapping("/api/v1/webhooks/{id}")
    WebhookEndpoint getWebhook(@PathVariable UUID id) {
        return webhooks.get(id);
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @PatchMapping("/api/v1/webhooks/{id}")
    @Operation(
            summary = "Change an endpoint",
            description = "Fields left out stay as they are. enabled true also ends a failure streak.")
    WebhookEndpoint updateWebhook(@PathVariable UUID id, @RequestBody ChangedEndpoint body) {
        return webhooks.update(id, new WebhookInput(body.url(), body.description(), body.eventTypes(), body.enabled()));
    }

    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Allow(Permission.ACCOUNT_COMPANY)
    @DeleteMapping("/api/v1/webhooks/{id}")
    ResponseEntity<Void> deleteWebhook(@PathVariable UUID id) {
        webhooks.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @PostMapping("/api/v1/webhooks/{id}/rotate-secret")
    @Operation(summary = "A new signing secret, shown this once; the old one stops signing at once")
    EndpointWithSecret rotateWebhookSecret(@PathVariable UUID id) {
        String secret = webhooks.rotateSecret(id);
        return new EndpointWithSecret(webhooks.get(id), secret);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @Allow(Permission.ACCOUNT_COMPANY)
    @PostMapping("/api/v1/webhooks/{id}/ping")
    @Operation(summary = "Queue a webhook.ping event to this endpoint; its tries appear in the delivery log")
    ResponseEntity<Map<String, String>> pingWebhook(@PathVariable UUID id) {
        return ResponseEntity.accepted().body(Map.of("eventId", webhooks.ping(id)));
    }

    @Allow(Permission.ACCOUNT_COMPANY)
    @GetMapping("/api/v1/webhooks/{id}/attempts")
    @Operation(summary = "The delivery log: the newest 100 tries, newest first")
    List<WebhookAttempt> listWebhookAttempts(@PathVariable UUID id) {
        return webhooks.attempts(id);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @Allow(Permission.ACCOUNT_COMPANY)
    @PostMapping("/api/v1/webhooks/{id}/deliveries/{deliveryId}/send-again")
    @Operation(summary = "Send a delivery again now, with a fresh count of tries")
    ResponseEntity<Void> sendWebhookDeliveryAgain(@PathVariable UUID id, @PathVariable UUID deliveryId) {
        webhooks.sendAgain(id, deliveryId);
        return ResponseEntity.accepted().build();
    }
}
