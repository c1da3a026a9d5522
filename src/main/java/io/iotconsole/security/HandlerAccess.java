package io.iotconsole.security;

import io.iotconsole.shared.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Enforces {@link Allow} before every handler of the console runs, and refuses to start the console while any
 * handler method lacks one. The Management API ({@code /api/**}) also needs {@code api.access}. A refusal is thrown
 * as the handler's own would be, so each surface answers as it always does: a 403 page in the console, a 403
 * problem document in the API, the sign-in page or 401 for nobody signed in.
 */
@Configuration(proxyBeanMethods = false)
public class HandlerAccess implements WebMvcConfigurer {
    /**
     * The request attribute holding the customer signed in to the customer app (set by the app's own filter; the
     * customer is no console user and never enters the security context).
     */
    public static final String CUSTOMER_ATTRIBUTE = "io.iotconsole.customer.AppUser";

    private static final String PRODUCT_PACKAGE = "io.iotconsole.";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new Interceptor());
    }

    @Bean
    static SmartInitializingSingleton everyHandlerDeclaresItsCallers(
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers) {
        return () -> {
            List<String> missing = undeclared(handlers.getHandlerMethods());
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Handler methods without @Allow: " + missing);
            }
        };
    }

    /** The product's handler methods without a valid {@link Allow}, named with their mappings. */
    public static List<String> undeclared(Map<RequestMappingInfo, HandlerMethod> handlers) {
        return handlers.entrySet().stream()
                .filter(e -> isProducts(e.getValue()) && !declared(e.getValue().getMethod()))
                .map(e -> e.getKey() + " " + e.getValue().getShortLogMessage())
                .sorted()
                .toList();
    }

    /** Whether the handler is the product's (and not Spring's or springdoc's, which the filter chains govern). */
    public static boolean isProducts(HandlerMethod handler) {
        return handler.getBeanType().getName().startsWith(PRODUCT_PACKAGE);
    }

    private static boolean declared(Method method) {
        Allow allow = method.getAnnotation(Allow.class);
        return allow != null && (allow.who() == Allow.Who.PERMISSION) == (allow.value().length > 0);
    }

    /** Whether a customer of the app is signed in on this request. */
    public static boolean customerSignedIn(HttpServletRequest request) {
        return request.getAttribute(CUSTOMER_ATTRIBUTE) != null;
    }

    static final class Interceptor implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (!(handler instanceof HandlerMethod method) || !isProducts(method)) {
                return true;
            }
            Allow allow = method.getMethodAnnotation(Allow.class);
            if (allow == null) {
                throw new IllegalStateException("No @Allow on " + method.getShortLogMessage());
            }
            check(allow, request);
            return true;
        }
    }

    static void check(Allow allow, HttpServletRequest request) {
        switch (allow.who()) {
            case PUBLIC -> {}
            case CUSTOMER -> {
                if (!customerSignedIn(request)) {
                    throw new AuthenticationCredentialsNotFoundException("Sign in to the app first");
                }
            }
            default -> {
                ConsoleUser user = CurrentUser.get();
                boolean managementApi = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
                if (managementApi
                        && !Permission.API_ACCESS.grantFor(user.role()).allows()) {
                    throw new ForbiddenException("Your role may not call the Management API");
                }
                if (allow.who() == Allow.Who.OPERATOR && !user.isOperator()) {
                    throw new ForbiddenException("Only the platform operator may do this");
                }
                // the operator's own duties lie in no scope: only a token with every scope may do them
                if (allow.who() == Allow.Who.OPERATOR && user.narrowed()) {
                    throw InsufficientScopeException.needing(ApiScope.format(ApiScope.allHeldBy(user.role())));
                }
                if (allow.who() == Allow.Who.PERMISSION
                        && Arrays.stream(allow.value())
                                .noneMatch(p -> p.grantFor(user.role()).allows())) {
                    throw new ForbiddenException(
                            allow.value().length == 1
                                    ? allow.value()[0].refusal(user.role())
                                    : "Your role holds none of the permissions this needs: "
                                            + Arrays.stream(allow.value())
                                                    .map(Permission::code)
                                                    .collect(java.util.stream.Collectors.joining(", ")));
                }
                if (allow.who() == Allow.Who.PERMISSION
                        && Arrays.stream(allow.value())
                                .noneMatch(p -> p.grantFor(user.role()).allows() && user.inScope(p))) {
                    throw InsufficientScopeException.needing(ApiScope.covering(allow.value()));
                }
            }
        }
    }
}
