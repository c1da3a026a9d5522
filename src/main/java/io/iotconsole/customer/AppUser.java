package io.iotconsole.customer;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Who is signed in to the customer app: the customer, and for remote assistance the console user and the reason. */
public record AppUser(
        Customer customer,
        CustomerSessions.Kind kind,
        @Nullable UUID assistedBy,
        @Nullable String assistedByLabel,
        @Nullable String reason,
        Instant expiresAt,
        String token,
        boolean readOnly) {
    public boolean assisted() {
        return kind == CustomerSessions.Kind.ASSIST;
    }
}
