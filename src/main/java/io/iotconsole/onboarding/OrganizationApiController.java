package io.iotconsole.onboarding;

import io.iotconsole.organization.Organization;
import io.iotconsole.organization.OrganizationStatus;
import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.PagedList;
import io.iotconsole.shared.Paging;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organizations")
class OrganizationApiController {
    private final Onboarding onboarding;

    OrganizationApiController(Onboarding onboarding) {
        this.onboarding = onboarding;
    }

    record OrganizationCreated(UUID id, String accountNumber, OrganizationStatus status) {}

    @Allow(Permission.ORGANISATION_CREATE)
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<OrganizationCreated> createOrganization(@RequestBody NewOrganization body) {
        Organization org = onboarding.create(body);
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + org.id()))
                .body(new OrganizationCreated(org.id(), org.accountNumber(), org.status()));
    }

    @Allow(Permission.ORGANISATION_VIEW)
    @GetMapping
    @PagedList(sort = "-createdAt (default), account, name or status; '-' first for descending")
    PageResult<OrganizationResponse> listOrganizations(@Parameter(hidden = true) HttpServletRequest request) {
        return onboarding
                .visible(request.getParameter("sort"), Paging.of(request, 50))
                .map(OrganizationResponse::of);
    }

    @Allow(Permission.ORGANISATION_DELETE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{id}")
    ResponseEntity<Void> deleteOrganization(@PathVariable UUID id) {
        onboarding.deleteSubOrganization(id);
        return ResponseEntity.noContent().build();
    }

    record Resent(
            UUID ownerId, @org.jspecify.annotations.Nullable String email) {}

    /** A PENDING organisation's Owner is mailed a new activation link; the old one stops working. */
    @Allow(Permission.ORGANISATION_CREATE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{id}/resend-invitation")
    ResponseEntity<Resent> resendOwnerInvitation(@PathVariable UUID id) {
        var owner = onboarding.resendOwnerInvitation(id);
        return ResponseEntity.accepted().body(new Resent(owner.id(), owner.email()));
    }

    @Allow(Permission.ORGANISATION_VIEW)
    @GetMapping("/{id}")
    OrganizationResponse getOrganization(@PathVariable UUID id) {
        return OrganizationResponse.of(onboarding.get(id));
    }
}
