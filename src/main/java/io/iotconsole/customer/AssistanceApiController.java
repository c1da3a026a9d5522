package io.iotconsole.customer;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.shared.Text;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Asking a customer's approval for remote assistance over the Management API; the assistance itself opens in the
 * console, in the browser of the person who asked.
 */
@RestController
class AssistanceApiController {
    private final RemoteAssistance assistance;

    AssistanceApiController(RemoteAssistance assistance) {
        this.assistance = assistance;
    }

    record NewRequest(@Text(max = 200) @Nullable String reason) {}

    @Allow(Permission.CUSTOMER_REMOTE_ASSIST)
    @PostMapping("/api/v1/customers/{id}/assistance-requests")
    @Operation(
            summary = "Ask a customer to approve remote assistance",
            description = "Only where the organisation requires the customer's approval (409 otherwise). The reason"
                    + " is required; the customer is asked in the app and by e-mail, and has 15 minutes to answer."
                    + " Once APPROVED, the caller opens the assistance in the console within 15 minutes.")
    ResponseEntity<AssistanceRequest> requestAssistance(@PathVariable UUID id, @RequestBody NewRequest body) {
        if (!assistance.policyFor(id).consentRequired()) {
            throw new ConflictException("This organisation opens remote assistance without the customer's approval;"
                    + " open it from the customer's page in the console");
        }
        AssistanceRequest request = assistance.start(id, body.reason()).request();
        return ResponseEntity.created(URI.create("/api/v1/customers/" + id + "/assistance-requests"))
                .body(request);
    }

    @Allow(Permission.CUSTOMER_REMOTE_ASSIST)
    @GetMapping("/api/v1/customers/{id}/assistance-requests")
    @Operation(
            summary = "The caller's latest request to assist a customer",
            description = "Empty, or the latest request with its status: PENDING, APPROVED, DECLINED, EXPIRED or"
                    + " STARTED.")
    List<AssistanceRequest> listAssistanceRequests(@PathVariable UUID id) {
        return assistance.latest(id).map(List::of).orElse(List.of());
    }
}
