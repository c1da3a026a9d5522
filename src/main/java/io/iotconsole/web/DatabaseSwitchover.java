package io.iotconsole.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * The one place that recognises a database that is failing over: the connection broke (SQLState class 08), the
 * server shut this connection down (57P01 to 57P03), or the connection reached a server that is no longer the
 * primary (25006 read-only transaction). Such a request answers 503 with {@code Retry-After}; its transaction died
 * with its connection, so nothing of it was written (unless the commit itself was under way: that one may have
 * happened, so the answer does not claim otherwise). The exception handlers of the API and the pages ask
 * {@link #causedBy}; this filter, first of all filters, answers for failures outside a controller (the session and
 * token look-ups of the security filters, the session write at the end of a request).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseSwitchover extends OncePerRequestFilter {
    static final String TITLE = "Service Unavailable";
    static final String DETAIL = "The database is switching over; try again.";
    /** Seconds: a failover of the cluster in deploy/ takes 10 to 20 s; a client that waits this long gets through. */
    static final String RETRY_AFTER = "5";

    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03", "25006");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DatabaseSwitchover.class);

    /** Whether this failure, or anything that caused it, is the database going away or no longer being primary. */
    static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // a rollback on the connection the pool has just dropped fails too; the reason is the first failure
            if (t instanceof TransactionSystemException rollback
                    && rollback.getApplicationException() != null
                    && causedBy(rollback.getApplicationException())) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (isSwitchoverState(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static boolean isSwitchoverState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || SHUTDOWN_STATES.contains(sqlState));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!causedBy(e) || response.isCommitted()) {
                throw e;
            }
            LOG.warn(
                    "{} {} failed while the database switched over: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    e.getMessage());
            response.resetBuffer();
            answer(request, response);
        }
    }

    /** problem+json for the APIs and non-browser clients, a short page for the console's pages. */
    private static void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(503);
        response.setHeader("Retry-After", RETRY_AFTER);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String uri = request.getRequestURI();
        String accept = request.getHeader("Accept");
        boolean page = !uri.startsWith("/api/")
                && !uri.startsWith("/app/api/")
                && accept != null
                && accept.contains("text/html");
        if (page) {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.getWriter()
                    .write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                            + HtmlUtils.htmlEscape(TITLE) + "</title></head><body><main><h1>Try again shortly</h1><p>"
                            + HtmlUtils.htmlEscape(DETAIL) + "</p></main></body></html>");
        } else {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"status\":503,\"title\":\"" + TITLE + "\",\"detail\":\"" + DETAIL
                            + "\"}");
        }
    }
}
