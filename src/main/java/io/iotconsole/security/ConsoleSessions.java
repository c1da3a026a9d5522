package io.iotconsole.security;

import io.iotconsole.shared.Tokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A user's open console sessions as the shared session store holds them, and ending them one by one. Ending deletes
 * the row, so the next request of that browser is refused on every instance.
 */
@Component
public class ConsoleSessions {
    static final String ADDRESS = "console.signIn.address";
    static final String BROWSER = "console.signIn.browser";
    private static final int MAX_AGENT = 400;

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    ConsoleSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    /**
     * One open session. {@code id} is a fingerprint of the session's identifier, never the identifier itself: that is
     * the cookie's secret, and an administrator who could read it could take the session over.
     */
    public record OpenSession(
            String id, String browser, String address, Instant started, Instant lastSeen, boolean current) {}

    /** The user's live sessions, the most recently used first; {@code currentId} marks the caller's own. */
    public List<OpenSession> of(UUID userId, @Nullable String currentId) {
        return sessions.findByPrincipalName(userId.toString()).values().stream()
                .filter(s -> !s.isExpired())
                .map(s -> new OpenSession(
                        fingerprint(s.getId()),
                        UserAgents.shortName(s.getAttribute(BROWSER)),
                        s.getAttributeOrDefault(ADDRESS, "unknown"),
                        s.getCreationTime(),
                        s.getLastAccessedTime(),
                        s.getId().equals(currentId)))
                .sorted(Comparator.comparing(OpenSession::lastSeen).reversed())
                .toList();
    }

    /** Ends the user's session with this fingerprint; answers whether there was one. */
    public boolean end(UUID userId, String fingerprint) {
        for (String id : sessions.findByPrincipalName(userId.toString()).keySet()) {
            if (fingerprint(id).equals(fingerprint)) {
                sessions.deleteById(id);
                return true;
            }
        }
        return false;
    }

    /** Whether the fingerprint names the given session (the caller's own, say). */
    public static boolean names(String fingerprint, @Nullable String sessionId) {
        return sessionId != null && fingerprint(sessionId).equals(fingerprint);
    }

    private static String fingerprint(String sessionId) {
        return HexFormat.of().formatHex(Tokens.hash(sessionId), 0, 12);
    }

    /** Ends every session of the user but {@code keep} (null: all); answers how many. */
    public int endAllBut(UUID userId, @Nullable String keep) {
        int ended = 0;
        for (String id : sessions.findByPrincipalName(userId.toString()).keySet()) {
            if (!id.equals(keep)) {
                sessions.deleteById(id);
                ended++;
            }
        }
        return ended;
    }

    /** The identifier of the request's console session, if it has one. */
    public static @Nullable String currentId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : session.getId();
    }

    /** Notes where a session comes from when it signs in (a password, or any other way of signing in). */
    @EventListener
    void onSignIn(InteractiveAuthenticationSuccessEvent event) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            recordOrigin(attrs.getRequest());
        }
    }

    /** Notes where a signed-in session comes from, once; a session signed in before this was kept gets it late. */
    static void recordOrigin(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(ADDRESS) == null) {
            String agent = request.getHeader("User-Agent");
            session.setAttribute(ADDRESS, request.getRemoteAddr());
            session.setAttribute(BROWSER, agent == null ? "" : agent.substring(0, Math.min(agent.length(), MAX_AGENT)));
        }
    }
}
