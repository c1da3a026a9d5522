package io.iotconsole.user;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A user's console sessions and API tokens over the Management API, for those who administer the user. */
@RestController
class SessionsApiController {
    private final UserSessions sessions;

    SessionsApiController(UserSessions sessions) {
        this.sessions = sessions;
    }

    @Allow({
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @GetMapping("/api/v1/users/{id}/sessions")
    @Operation(
            summary = "A user's sessions and tokens",
            description = "The user's open console sessions (browser, address, signed in, last seen) and live"
                    + " Management API tokens (a fingerprint, issued, expires).")
    UserSessions.Overview listUserSessions(@PathVariable UUID id) {
        return sessions.of(id);
    }

    @Allow({
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @DeleteMapping("/api/v1/users/{id}/sessions")
    @Operation(
            summary = "End a user's sessions and tokens",
            description = "Without parameters every console session and API token of the user ends; with session"
                    + " or token only that one. Ended means refused on the next request, on every instance.")
    UserSessions.Ended endUserSessions(
            @PathVariable UUID id,
            @Parameter(description = "the id of one console session to end") @RequestParam(required = false) @Nullable
                    String session,
            @Parameter(description = "the fingerprint of one API token to end")
                    @RequestParam(required = false)
                    @Nullable
                    String token) {
        boolean all = (session == null || session.isBlank()) && (token == null || token.isBlank());
        return sessions.endOf(id, new UserSessions.Ending(session, token, all));
    }
}
