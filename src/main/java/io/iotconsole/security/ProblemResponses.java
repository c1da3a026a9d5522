package io.iotconsole.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 of the Management API as RFC 9457 problem documents. */
final class ProblemResponses {
    private ProblemResponses() {}

    /**
     * RFC 6750 section 3: a bad, expired or revoked token is {@code invalid_token}; a request with no token gets the
     * bare challenge.
     */
    static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            boolean tokenSent = e instanceof OAuth2AuthenticationException
                    || (request.getHeader("Authorization") != null
                            && request.getHeader("Authorization").regionMatches(true, 0, "Bearer ", 0, 7));
            if (tokenSent) {
                response.setHeader(
                        "WWW-Authenticate",
                        "Bearer error=\"invalid_token\", error_description=\"The token is unknown, expired or revoked\"");
                write(response, 401, "Unauthorized", "The bearer token is unknown, expired or revoked.");
            } else {
                response.setHeader("WWW-Authenticate", "Bearer");
                write(response, 401, "Unauthorized", "A valid bearer token is required.");
            }
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(response, 403, "Forbidden", "Your role may not do this.");
    }

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"status\":" + status + ",\"title\":\"" + title + "\",\"detail\":\""
                        + detail + "\"}");
    }
}
