/**
 * Owns {@code webhook_endpoint}, {@code webhook_event}, {@code webhook_delivery} and {@code webhook_attempt}: an
 * organisation's signed webhooks (the Standard Webhooks convention). {@link io.iotconsole.webhook.WebhookOutbox}
 * turns audit entries into events inside the transaction of the change ({@link io.iotconsole.webhook.WebhookEvents}
 * is the one map from audit actions to event types); {@link io.iotconsole.webhook.WebhookDelivery} sends them from
 * every instance at once, with retries, and disables an endpoint after a day of failures.
 */
package io.iotconsole.webhook;
