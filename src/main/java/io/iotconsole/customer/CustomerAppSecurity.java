package io.iotconsole.customer;

import io.iotconsole.security.HandlerAccess;
import io.iotconsole.security.SecurityConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * The customer app's own chain, apart from the console's: no console session is read or created under
 * {@code /app}; {@link CustomerAppAuthentication} finds the signed-in customer from the app's cookie or the mobile
 * app's bearer token. Everything but the sign-in, set-password and sign-out addresses needs a signed-in customer:
 * pages send anybody else to the app's sign-in page, the JSON API answers 401. Forms carry a CSRF token kept in a
 * cookie.
 */
@Configuration(proxyBeanMethods = false)
class CustomerAppSecurity {
    @Bean
    @Order(2)
    SecurityFilterChain customerAppChain(HttpSecurity http, CustomerSessions sessions) throws Exception {
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookiePath("/app");
        csrfTokens.setCookieName("APP-XSRF-TOKEN");
        http.securityMatcher("/app/**")
                .authorizeHttpRequests(a -> a.requestMatchers(
                                "/app/login",
                                "/app/*/login",
                                "/app/*/forgot-password",
                                "/app/*/set-password",
                                "/app/*/logo",
                                "/app/set-password",
                                "/app/forgot-password",
                                "/app/api/v1/password-reset",
                                "/app/logout",
                                "/app/assistance/end",
                                "/app/api/v1/login")
                        .permitAll()
                        .anyRequest()
                        .access((authentication, context) ->
                                new AuthorizationDecision(HandlerAccess.customerSignedIn(context.getRequest()))))
                .exceptionHandling(e -> e.authenticationEntryPoint(CustomerAppSecurity::signInFirst))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .csrf(c -> c.csrfTokenRepository(csrfTokens).ignoringRequestMatchers("/app/api/**"))
                .addFilterBefore(
                        new CustomerAppAuthentication(sessions), org.springframework.security.web.csrf.CsrfFilter.class)
                // after the customer is known, before anything (CSRF included) could answer a change otherwise
                .addFilterAfter(new AssistanceReadOnly(), CustomerAppAuthentication.class)
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(SecurityConfig.CSP)));
        return http.build();
    }

    private static void signInFirst(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/app/api/")) {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"status\":401,\"title\":\"Unauthorized\","
                            + "\"detail\":\"Sign in first: the token is missing, expired or ended.\"}");
        } else {
            response.sendRedirect(request.getContextPath() + "/app/login");
        }
    }
}
