package io.iotconsole.onboarding;

import io.iotconsole.organization.Organization;
import io.iotconsole.organization.OrganizationStatus;
import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.PageResult;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organizations")
class OrganizationApiController {
    private final Onboarding onboarding;

    OrganizationApiController(Onboarding onboarding) {
        this.onboarding = onboarding;
    }

    record Created(UUID id, String accountNumber, OrganizationStatus status) {}

    @Allow(Permission.ORGANISATION_CREATE)
    @PostMapping
    ResponseEntity<Created> create(@RequestBody NewOrganization body) {
        Organization org = onboarding.create(body);
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + org.id()))
                .body(new Created(org.id(), org.accountNumber(), org.status()));
    }

    @Allow(Permission.ORGANISATION_VIEW)
    @GetMapping
    PageResult<OrganizationResponse> list() {
        List<OrganizationResponse> items =
                onboarding.visible().stream().map(OrganizationResponse::of).toList();
        return new PageResult<>(items, items.size(), 0, items.size());
    }

    @Allow(Permission.ORGANISATION_DELETE)
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        onboarding.deleteSubOrganization(id);
        return ResponseEntity.noContent().build();
    }

    record Resent(
            UUID ownerId, @org.jspecify.annotations.Nullable String email) {}

    /** A PENDING organisation's Owner is mailed a new activation link; the old one stops working. */
    @Allow(Permission.ORGANISATION_CREATE)
    @PostMapping("/{id}/resend-invitation")
    ResponseEntity<Resent> resendInvitation(@PathVariable UUID id) {
        var owner = onboarding.resendOwnerInvitation(id);
        return ResponseEntity.accepted().body(new Resent(owner.id(), owner.email()));
    }

    @Allow(Permission.ORGANISATION_VIEW)
    @GetMapping("/{id}")
    OrganizationResponse get(@PathVariable UUID id) {
        return OrganizationResponse.of(onboarding.get(id));
    }
}
