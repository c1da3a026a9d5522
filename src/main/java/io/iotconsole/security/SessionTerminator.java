package io.iotconsole.security;

import java.util.UUID;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Deletes every console session of a user from the shared session store. The per-request revalidation
 * ({@link SessionRevalidationFilter}) already refuses them; deleting them too frees the rows at once.
 */
@Component
public class SessionTerminator {
    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    SessionTerminator(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    public void endAllSessionsOf(UUID userId) {
        sessions.findByPrincipalName(userId.toString()).keySet().forEach(sessions::deleteById);
    }
}
