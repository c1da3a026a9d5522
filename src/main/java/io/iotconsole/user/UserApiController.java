package io.iotconsole.user;

import io.iotconsole.security.Allow;
import io.iotconsole.security.CurrentUser;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.PagedList;
import io.iotconsole.shared.Paging;
import io.iotconsole.shared.Text;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class UserApiController {
    private final Users users;
    private final UserLifecycle lifecycle;
    private final UserLinks links;

    private final io.iotconsole.security.AccessPolicy access;
    private final ApiCredentials credentials;

    private UserResponse answer(User user) {
        return UserResponse.of(user, users.groupIdsOf(user));
    }

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
    MeResponse getMe() {
        var me = CurrentUser.get();
        return new MeResponse(me.id(), me.organizationId(), access.callerRole().name(), me.displayName(), me.login());
    }

    /** The caller's organisation; the operator names one with {@code organizationId}. */
    @Allow(Permission.USER_VIEW)
    @PagedList(
            defaultSize = 25,
            sort = "name (default), email, role, description, status or lastSignIn; '-' first for descending")
    @GetMapping("/users")
    PageResult<UserResponse> listUsers(
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(required = false) @Nullable String q,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) jakarta.servlet.http.HttpServletRequest request) {
        UUID org = access.ownScope().narrowedTo(organizationId).organizationIdOrNull();
        if (org == null) {
            throw InvalidInputException.of("organizationId", "Name the organisation whose users to list");
        }
        return users.list(org, q, request.getParameter("sort"), Paging.of(request, 25))
                .map(this::answer);
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
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/users")
    ResponseEntity<UserResponse> createUser(@RequestBody NewUser body) {
        User user = users.create(body);
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(answer(user));
    }

    @Allow(Permission.USER_VIEW)
    @GetMapping("/users/{id}")
    UserResponse getUser(@PathVariable UUID id) {
        User user = users.get(id);
        return UserResponse.of(
                user,
                users.groupIdsOf(user),
                user.role() == io.iotconsole.security.Role.API_USER ? credentials.get(user.id()) : null);
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
    UserResponse updateUser(@PathVariable UUID id, @RequestBody UserChanges body) {
        return answer(users.update(id, body));
    }

    @Allow({
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/users/{id}")
    ResponseEntity<Void> deleteUser(@PathVariable UUID id) {
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
    UserResponse deactivateUser(@PathVariable UUID id) {
        return answer(lifecycle.deactivate(id));
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
    UserResponse resendVerification(@PathVariable UUID id) {
        return answer(lifecycle.resendVerification(id));
    }

    record PasswordWithToken(
            @Text(max = 100) @Nullable String token,
            @Text(max = 128) @Nullable String password) {}

    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/activation")
    UserResponse activateUser(@RequestBody PasswordWithToken body) {
        return answer(links.activate(String.valueOf(body.token()), body.password() == null ? "" : body.password()));
    }

    record ResetRequest(@Text(max = 254) @Nullable String email) {}

    /** The same answer whether or not the address has an account. */
    record ResetRequested(String detail) {}

    @Allow(who = Allow.Who.PUBLIC)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/password-reset")
    ResponseEntity<ResetRequested> requestPasswordReset(@RequestBody ResetRequest body) {
        links.requestPasswordReset(body.email() == null ? "" : body.email());
        return ResponseEntity.accepted()
                .body(new ResetRequested("If the address belongs to an active account, a reset link is on its way."));
    }

    @Allow(who = Allow.Who.PUBLIC)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PostMapping("/password-reset/confirm")
    ResponseEntity<Void> confirmPasswordReset(@RequestBody PasswordWithToken body) {
        links.resetPassword(String.valueOf(body.token()), body.password() == null ? "" : body.password());
        return ResponseEntity.noContent().build();
    }
}
