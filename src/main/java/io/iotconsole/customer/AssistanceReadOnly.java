package io.iotconsole.customer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Read-only remote assistance, enforced here for the whole customer app (its pages and its JSON API): during such an
 * assistance every request that could change something answers 403; only ending the assistance goes through.
 */
class AssistanceReadOnly extends OncePerRequestFilter {
    static final String MESSAGE = "This remote assistance is read-only: you can look, but not change anything.";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> ALWAYS = Set.of("/app/assistance/end", "/app/logout");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var user = CustomerAppAuthentication.current(request);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (user.isEmpty()
                || !user.get().assisted()
                || !user.get().readOnly()
                || SAFE.contains(request.getMethod())
                || ALWAYS.contains(path)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setCharacterEncoding("UTF-8");
        if (path.startsWith("/app/api/")) {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"status\":403,\"title\":\"Forbidden\",\"detail\":\"" + MESSAGE
                            + "\"}");
        } else {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.getWriter()
                    .write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Read-only"
                            + " assistance</title></head><body><main><h1>Not changed</h1><p id=\"read-only\">"
                            + HtmlUtils.htmlEscape(MESSAGE) + "</p><p><a href=\"" + request.getContextPath()
                            + "/app\">Back</a></p></main></body></html>");
        }
    }
}
