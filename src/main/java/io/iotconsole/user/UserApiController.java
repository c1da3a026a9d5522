package io.iotconsole.user;

import io.iotconsole.security.Allow;
import io.iotconsole.security.CurrentUser;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
import io.iotconsole.shared.Text;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class UserApiController {
    private final Users users;
    private final UserLifecycle lifecycle;
    private final UserLinks links;

    private final io.iotconsole.security.AccessPolicy access;
    private final ApiCredentials credentials;

    UserApiController(
            Users users,
            UserLifecycle lifecycle,
            UserLinks links,
            io.iotconsole.security.AccessPolicy access,
            ApiCredentials credentials) {
        this.credentials = credentials;
        this.access = access;
        this.users = users;
        this.lifecycle = lifecycle;
        this.links = links;
    }

    record MeResponse(UUID id, @Nullable UUID organizationId, String role, String name, String login) {}

    @Allow(who = Allow.Who.SIGNED_IN)
    @GetMapping("/me")
    MeResponse me() {
        var me = CurrentUser.get();
        return new MeResponse(me.id(), me.organizationId(), access.callerRole().name(), me.displayName(), me.login());
    }

    /** The caller's organisation; the operator names one with {@code organizationId}. */
    @Allow(Permission.USER_VIEW)
    @io.swagger.v3.oas.annotations.Parameters({
        @io.swagger.v3.oas.annotations.Parameter(
                name = "page",
                in = io.swagger.v3.oas.annotations.enums.ParameterIn.QUERY,
                description = "from 0"),
        @io.swagger.v3.oas.annotations.Parameter(
                name = "size",
                in = io.swagger.v3.oas.annotations.enums.ParameterIn.QUERY,
                description = "1 to 200, default 25"),
        @io.swagger.v3.oas.annotations.Parameter(
                name = "sort",
                in = io.swagger.v3.oas.annotations.enums.ParameterIn.QUERY,
                description =
                        "name (default), email, role, description, status or lastSignIn;" + " '-' first for descending")
    })
    @GetMapping("/users")
    PageResult<User> list(
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(required = false) @Nullable String q,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) jakarta.servlet.http.HttpServletRequest request) {
        UUID org = access.ownScope().narrowedTo(organizationId).organizationIdOrNull();
        if (org == null) {
            throw InvalidInputException.of("organizationId", "Name the organisation whose users to list");
        }
        return users.list(org, q, request.getParameter("sort"), Paging.of(request, 25));
    }

    @Allow({
        Permission.USER_MANAGE_OWNER,
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @PostMapping("/users")
    ResponseEntity<User> create(@RequestBody NewUser body) {
        User user = users.create(body);
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(user);
    }

    /** A user; an API user's answer adds its credential (scopes, expiry, last use). */
    record UserAnswer(
            @com.fasterxml.jackson.annotation.JsonUnwrapped User user,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            ApiCredentials.@Nullable Credential credential) {}

    @Allow(Permission.USER_VIEW)
    @GetMapping("/users/{id}")
    UserAnswer get(@PathVariable UUID id) {
        User user = users.get(id);
        return new UserAnswer(
                user, user.role() == io.iotconsole.security.Role.API_USER ? credentials.get(user.id()) : null);
    }

    @Allow({
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @PatchMapping("/users/{id}")
    User update(@PathVariable UUID id, @RequestBody UserChanges body) {
        return users.update(id, body);
    }

    @Allow({
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @DeleteMapping("/users/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        lifecycle.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Allow({
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @PostMapping("/users/{id}/deactivate")
    User deactivate(@PathVariable UUID id) {
        return lifecycle.deactivate(id);
    }

    @Allow({
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @PostMapping("/users/{id}/resend-verification")
    User resendVerification(@PathVariable UUID id) {
        return lifecycle.resendVerification(id);
    }

    record PasswordWithToken(
            @Text(max = 100) @Nullable String token,
            @Text(max = 128) @Nullable String password) {}

    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/activation")
    User activate(@RequestBody PasswordWithToken body) {
        return links.activate(String.valueOf(body.token()), body.password() == null ? "" : body.password());
    }

    record ResetRequest(@Text(max = 254) @Nullable String email) {}

    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/password-reset")
    ResponseEntity<Map<String, String>> requestReset(@RequestBody ResetRequest body) {
        links.requestPasswordReset(body.email() == null ? "" : body.email());
        return ResponseEntity.accepted()
                .body(Map.of("detail", "If the address belongs to an active account, a reset link is on its way."));
    }

    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/password-reset/confirm")
    ResponseEntity<Void> confirmReset(@RequestBody PasswordWithToken body) {
        links.resetPassword(String.valueOf(body.token()), body.password() == null ? "" : body.password());
        return ResponseEntity.noContent().build();
    }
}
