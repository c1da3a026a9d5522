package io.iotconsole.user;

import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.Tokens;
import java.time.Duration;
import java.time.Instant;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Management API's bearer tokens: opaque random strings, stored as SHA-256 hashes with the user's credentials
 * version. Every request looks its token up, so a deactivated, deleted or re-passworded user's tokens fail at once.
 */
@Component
public class AccessTokens implements OpaqueTokenIntrospector {
    public static final Duration VALIDITY = Duration.ofHours(1);
    private final AccessTokenRepository repository;

    AccessTokens(AccessTokenRepository repository) {
        this.repository = repository;
    }

    public record IssuedToken(String accessToken, long expiresIn) {}

    /**
     * Issues a token to a user who has just proven their credentials and whose role may call the API. The sign-in's
     * own audit entry records it ("via the Management API").
     */
    @Transactional
    public IssuedToken issue(ConsoleUser user) {
        String token = Tokens.newToken();
        repository.insert(
                Tokens.hash(token),
                user.id(),
                user.organizationId(),
                user.credentialsVersion(),
                Instant.now().plus(VALIDITY));
        return new IssuedToken(token, VALIDITY.toSeconds());
    }

    public static boolean mayUseApi(ConsoleUser user) {
        return user.holds(Permission.API_ACCESS);
    }

    /** One indexed query in auto-commit: it runs on every API request. */
    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        if (token.length() > 200) {
            throw new BadOpaqueTokenException("Unknown token");
        }
        return repository
                .findUser(Tokens.hash(token))
                .map(ConsoleUserDirectory::principal)
                .filter(AccessTokens::mayUseApi)
                .orElseThrow(() -> new BadOpaqueTokenException("The token is unknown, expired or revoked"));
    }

    @Scheduled(fixedDelayString = "PT10M")
    @Transactional
    void deleteExpired() {
        repository.deleteExpired();
    }
}
