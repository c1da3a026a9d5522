package io.iotconsole.webhook;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** An endpoint as a form or the API gives it; on a change, what is null stays as it was. */
public record WebhookInput(
        @Nullable String url,
        @Nullable String description,
        @Nullable List<String> eventTypes,
        @Nullable Boolean enabled) {}
