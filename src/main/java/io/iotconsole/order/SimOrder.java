package io.iotconsole.order;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An order of SIMs; its price is fixed when it is placed. The ICCIDs are those of the stock that fulfilled it. */
public record SimOrder(
        UUID id,
        UUID organizationId,
        int number,
        int quantity,
        OrderStatus status,
        BigDecimal unitPrice,
        String currency,
        String placedBy,
        Instant placedAt,
        @Nullable String closedBy,
        @Nullable Instant closedAt,
        @Nullable String firstIccid,
        @Nullable String lastIccid) {

    @JsonProperty("total")
    public BigDecimal total() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }

    @JsonProperty("hasInvoice")
    public boolean hasInvoice() {
        return status == OrderStatus.COMPLETED;
    }
}
