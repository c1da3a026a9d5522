package io.iotconsole.user;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.ConsoleSessions;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.CurrentUser;
import io.iotconsole.shared.InvalidInputException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a user is signed in: their console sessions and Management API tokens, seen and ended by the user or by
 * whoever administers the user's role in the same organisation. Every ending is audited with who ended how many.
 */
@Service
public class UserSessions {
    private static final Pattern TOKEN_ID = Pattern.compile("[0-9a-f]{16}");
    private final Users users;
    private final ConsoleSessions sessions;
    private final AccessTokenRepository tokens;
    private final AccessPolicy access;
    private final AuditLog audit;

    UserSessions(
            Users users, ConsoleSessions sessions, AccessTokenRepository tokens, AccessPolicy access, AuditLog audit) {
        this.users = users;
        this.sessions = sessions;
        this.tokens = tokens;
        this.access = access;
        this.audit = audit;
    }

    /** The user's console sessions and API tokens. */
    public record Overview(
            UUID userId,
            String name,
            List<ConsoleSessions.OpenSession> sessions,
            List<AccessTokenRepository.TokenRow> tokens) {}

    /** What to end: one session, one token, or (all) everything but the caller's own session. */
    public record Ending(@Nullable String session, @Nullable String token, boolean all) {
        boolean nothing() {
            return !all && blank(session) && blank(token);
        }
    }

    /** How many were ended. */
    public record Ended(int sessions, int tokens) {
        public int total() {
            return sessions + tokens;
        }
    }

    @Transactional(readOnly = true)
    public Overview mine(@Nullable String currentSession) {
        ConsoleUser me = CurrentUser.get();
        return overview(me.id(), me.auditLabel(), currentSession);
    }

    @Transactional(readOnly = true)
    public Overview of(UUID userId) {
        User user = administered(userId);
        return overview(user.id(), user.name(), null);
    }

    /** Ends one's own sessions or tokens; "all" keeps the session the request came with. */
    @Transactional
    public Ended endMine(Ending what, @Nullable String currentSession) {
        ConsoleUser me = CurrentUser.get();
        return end(me.id(), me.organizationId(), me.auditLabel(), what, currentSession);
    }

    @Transactional
    public Ended endOf(UUID userId, Ending what) {
        User user = administered(userId);
        return end(user.id(), user.organizationId(), user.auditLabel(), what, null);
    }

    private User administered(UUID userId) {
        User user = users.loadInScope(userId);
        access.requireAdminister(user.role());
        return user;
    }

    private Overview overview(UUID userId, String name, @Nullable String currentSession) {
        return new Overview(userId, name, sessions.of(userId, currentSession), tokens.liveOf(userId));
    }

    private Ended end(
            UUID userId, @Nullable UUID organizationId, String label, Ending what, @Nullable String currentSession) {
        if (what.nothing()) {
            throw InvalidInputException.of("session", "Choose a session or token to end");
        }
        int endedSessions = 0;
        int endedTokens = 0;
        if (what.all()) {
            endedSessions = sessions.endAllBut(userId, currentSession);
            endedTokens = tokens.deleteAllOf(userId);
        } else {
            if (!blank(what.session()) && sessions.end(userId, what.session().strip())) {
                endedSessions = 1;
            }
            if (!blank(what.token())) {
                String id = what.token().strip();
                if (!TOKEN_ID.matcher(id).matches()) {
                    throw InvalidInputException.of("token", "Not a token of this user");
                }
                endedTokens = tokens.deleteOne(userId, id);
            }
            if (endedSessions + endedTokens == 0) {
                throw InvalidInputException.of(
                        blank(what.session()) ? "token" : "session", "Already ended, or not one of this user's");
            }
        }
        audit.record(AuditRecord.success(organizationId, "SESSIONS_ENDED", "USER", userId, label)
                .withDetail(endedSessions + " console session(s), " + endedTokens + " API token(s)"
                        + (what.all() ? ", all" + (currentSession == null ? "" : " but the current session") : "")));
        return new Ended(endedSessions, endedTokens);
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
