package io.iotconsole.sim;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/sim-transfers}: JSON ranges, or a {@code text/plain} / {@code text/csv} body of
 * {@code FIRST;LAST} lines. Without {@code dryRun=false} it only previews.
 */
@RestController
class SimTransferApiController {
    private final SimTransfers transfers;

    SimTransferApiController(SimTransfers transfers) {
        this.transfers = transfers;
    }

    record TransferBody(
            @Nullable UUID fromOrganizationId,
            @Nullable UUID toOrganizationId,
            @Nullable List<TransferRanges.JsonRange> ranges) {}

    /** The preview, or the result with {@code transferred: true}; problems as in error answers. */
    record TransferAnswer(
            SimTransfers.Party from,
            SimTransfers.Party to,
            List<SimTransfers.RangeCount> ranges,
            long total,
            boolean valid,
            boolean transferred,
            List<io.iotconsole.shared.InputError> problems) {
        static TransferAnswer of(SimTransfers.Preview p) {
            return new TransferAnswer(
                    p.from(),
                    p.to(),
                    p.ranges(),
                    p.total(),
                    p.valid(),
                    p.transferred(),
                    p.problems().stream()
                            .map(io.iotconsole.shared.InputError::of)
                            .toList());
        }
    }

    @Allow(Permission.ORGANISATION_SIM_TRANSFER)
    @PostMapping(value = "/api/v1/sim-transfers", consumes = "application/json")
    TransferAnswer transferSims(
            @RequestBody TransferBody body,
            @RequestParam(defaultValue = "true") boolean dryRun,
            @RequestParam(required = false) @Nullable UUID fromOrganizationId,
            @RequestParam(required = false) @Nullable UUID toOrganizationId) {
        var parties = new SimTransfers.Parties(
                body.fromOrganizationId() != null ? body.fromOrganizationId() : fromOrganizationId,
                body.toOrganizationId() != null ? body.toOrganizationId() : toOrganizationId);
        return TransferAnswer.of(
                dryRun ? transfers.previewJson(parties, body.ranges()) : transfers.applyJson(parties, body.ranges()));
    }

    @Allow(Permission.ORGANISATION_SIM_TRANSFER)
    @PostMapping(
            value = "/api/v1/sim-transfers",
            consumes = {"text/plain", "text/csv"})
    TransferAnswer transferSims(
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) HttpServletRequest request,
            @RequestParam(defaultValue = "true") boolean dryRun,
            @RequestParam(required = false) @Nullable UUID fromOrganizationId,
            @RequestParam(required = false) @Nullable UUID toOrganizationId)
            throws IOException {
        var parties = new SimTransfers.Parties(fromOrganizationId, toOrganizationId);
        byte[] text = request.getInputStream().readAllBytes();
        return TransferAnswer.of(dryRun ? transfers.previewText(parties, text) : transfers.applyText(parties, text));
    }
}
