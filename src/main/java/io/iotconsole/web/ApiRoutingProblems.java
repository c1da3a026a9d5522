package io.iotconsole.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's answers when no handler is chosen at all (an unknown path, a method, media type or {@code Accept} the
 * path does not serve: 404, 405, 415, 406) are problem documents like every other API error. {@link
 * ApiExceptionHandler} only sees requests that reached a controller, and the console keeps its error page.
 */
@Component
class ApiRoutingProblems implements HandlerExceptionResolver, Ordered {
    private final JsonMapper json;

    ApiRoutingProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public @Nullable ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, @Nullable Object handler, Exception ex) {
        if (handler instanceof org.springframework.web.method.HandlerMethod
                || !(ex instanceof ErrorResponse error)
                || !isApi(request)
                || response.isCommitted()) {
            return null;
        }
        ProblemDetail body = error.getBody();
        body.setInstance(null);
        if (body.getStatus() == 404) {
            body.setDetail("No such path in the Management API: " + request.getRequestURI());
        }
        try {
            response.setStatus(body.getStatus());
            error.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(), body);
        } catch (IOException e) {
            return null;
        }
        return new ModelAndView();
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/app/api/");
    }
}
