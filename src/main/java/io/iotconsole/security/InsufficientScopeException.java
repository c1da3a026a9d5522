package io.iotconsole.security;

import io.iotconsole.shared.ForbiddenException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The caller's role may do this, but the bearer token was granted no scope that covers it: 403 with RFC 6750's
 * {@code insufficient_scope} challenge naming the scope that would.
 */
public final class InsufficientScopeException extends ForbiddenException {
    private final String scope;

    private InsufficientScopeException(String scope) {
        super("This token was not granted the scope this needs: " + scope + ".");
        this.scope = scope;
    }

    public String scope() {
        return scope;
    }

    /** The refusal, its challenge already on the response (the error handlers keep headers already set). */
    static InsufficientScopeException needing(String scope) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            attributes.getResponse().setHeader("WWW-Authenticate", challenge(scope));
        }
        return new InsufficientScopeException(scope);
    }

    static String challenge(String scope) {
        return "Bearer error=\"insufficient_scope\", error_description=\"The token's scopes do not cover this\", "
                + "scope=\"" + scope + "\"";
    }
}
