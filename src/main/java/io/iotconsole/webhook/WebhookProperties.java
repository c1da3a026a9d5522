package io.iotconsole.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code console.webhooks.*}: how often the worker looks for due deliveries, how long one try may take, the back-off
 * between tries, how many tries one delivery gets, how long an endpoint may fail before it is disabled, whether
 * plain HTTP is allowed beyond the loopback interface, and whether endpoints may be on private addresses.
 */
@ConfigurationProperties("console.webhooks")
record WebhookProperties(
        @DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("PT10S") Duration timeout,
        @DefaultValue("PT10S") Duration retryBase,
        @DefaultValue("PT1H") Duration retryMax,
        @DefaultValue("40") int maxAttempts,
        @DefaultValue("PT24H") Duration disableAfter,
        @DefaultValue("false") boolean allowHttp,
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("true") boolean deliveryEnabled,
        @DefaultValue("8") int concurrency) {}
