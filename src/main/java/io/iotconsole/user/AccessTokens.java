package io.iotconsole.user;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.ApiScope;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;
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
    private final AuditLog audit;
    private final Clock clock;

    AccessTokens(AccessTokenRepository repository, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    public record IssuedToken(String accessToken, long expiresIn, Set<ApiScope> scopes) {}

    /**
     * Issues a token to a user who has just proven their credentials and whose role may call the API, with the
     * scopes granted, ending no later than the credential itself. The sign-in's own audit entry records it ("via the
     * Management API").
     */
    @Transactional
    public IssuedToken issue(ConsoleUser user, Set<ApiScope> scopes, @Nullable Instant credentialExpiry) {
        String token = Tokens.newToken();
        Instant now = clock.instant();
        Instant expires = now.plus(VALIDITY);
        if (credentialExpiry != null && credentialExpiry.isBefore(expires)) {
            expires = credentialExpiry;
        }
        repository.insert(
                Tokens.hash(token),
                user.id(),
                user.organizationId(),
                user.credentialsVersion(),
                expires,
                ApiScope.codes(scopes));
        return new IssuedToken(token, Math.max(1, Duration.between(now, expires).toSeconds()), scopes);
    }

    /**
     * RFC 7009: ends the token if the client it was issued to presents it; anything else (unknown, expired, another
     * client's) changes nothing and is no error.
     */
    @Transactional
    public void revoke(ConsoleUser client, String token) {
        if (token.length() > 200 || !repository.delete(Tokens.hash(token), client.id())) {
            return;
        }
        audit.record(AuditRecord.success(client.organizationId(), "API_TOKEN_REVOKED", "USER", client.id(), null)
                .withDetail("revoked by " + client.auditLabel()));
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
                .map(h -> {
                    ConsoleUser user = ConsoleUserDirectory.principal(h.credentials());
                    return h.scopes() == null ? user : user.withScopes(ApiScope.fromCodes(h.scopes()));
                })
                .filter(AccessTokens::mayUseApi)
                .orElseThrow(() -> new BadOpaqueTokenException("The token is unknown, expired or revoked"));
    }

    @Scheduled(fixedDelayString = "PT10M")
    @Transactional
    void deleteExpired() {
        repository.deleteExpired();
    }
}
