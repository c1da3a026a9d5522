package io.iotconsole.security;

import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two audiences, two chains: the Management API under {@code /api/**} (stateless, opaque bearer tokens checked
 * against the database on every request) and the console (form sign-in, sessions in PostgreSQL, CSRF).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {
    /** The pages' content security policy: scripts and styles from the console itself only. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    ThrottledAuthenticationProvider passwordSignIn(
            UserDetailsService users,
            UserDetailsPasswordService rehash,
            PasswordEncoder encoder,
            SignInAttempts attempts) {
        var passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        passwords.setUserDetailsPasswordService(rehash);
        return new ThrottledAuthenticationProvider(passwords, attempts);
    }

    /** Password sign-in for the token endpoint: every account whose role may use the API is checked there. */
    @Bean
    AuthenticationManager authenticationManager(
            ThrottledAuthenticationProvider passwordSignIn, ApplicationEventPublisher events) {
        var manager = new ProviderManager(List.of(passwordSignIn));
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
        return manager;
    }

    /** Console sign-in: API users are machine identities and cannot open the console, whatever their secret. */
    private static AuthenticationManager consoleSignIn(
            ThrottledAuthenticationProvider passwordSignIn, ApplicationEventPublisher events) {
        AuthenticationProvider consoleOnly = new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication attempt) {
                Authentication result = passwordSignIn.authenticate(attempt);
                if (result != null && result.getPrincipal() instanceof ConsoleUser u && u.role() == Role.API_USER) {
                    throw new BadCredentialsException("API users cannot sign in to the console");
                }
                return result;
            }

            @Override
            public boolean supports(Class<?> type) {
                return passwordSignIn.supports(type);
            }
        };
        var manager = new ProviderManager(List.of(consoleOnly));
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
        return manager;
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, OpaqueTokenIntrospector tokens) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.requestMatchers(
                                "/api/v1/oauth/token",
                                "/api/v1/activation",
                                "/api/v1/password-reset",
                                "/api/v1/password-reset/confirm",
                                "/api/v1/signup")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .oauth2ResourceServer(o -> o.opaqueToken(t -> t.introspector(tokens))
                        .authenticationEntryPoint(ProblemResponses.unauthorized())
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                .exceptionHandling(e -> e.authenticationEntryPoint(ProblemResponses.unauthorized())
                        .accessDeniedHandler(ProblemResponses.forbidden()));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain console(
            HttpSecurity http,
            ThrottledAuthenticationProvider passwordSignIn,
            ApplicationEventPublisher events,
            ConsoleUserLookup users)
            throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers(
                                "/login",
                                "/activate",
                                "/forgot-password",
                                "/reset-password",
                                "/signup",
                                "/webjars/**",
                                "/css/**",
                                "/js/**",
                                "/favicon.ico",
                                "/error",
                                "/actuator/health",
                                "/v3/api-docs/**",
                                "/api-docs-ui/**",
                                "/swagger-ui/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .authenticationManager(consoleSignIn(passwordSignIn, events))
                .formLogin(f -> f.loginPage("/login")
                        .usernameParameter("email")
                        .defaultSuccessUrl("/", false)
                        .failureUrl("/login?error")
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout")
                        .logoutSuccessUrl("/login?signedOut")
                        .deleteCookies("SESSION"))
                // a session deleted elsewhere (deactivation, password change) or expired: say so on the sign-in page
                .sessionManagement(s -> s.invalidSessionUrl("/login?ended"))
                .addFilterAfter(new SessionRevalidationFilter(users), SecurityContextHolderFilter.class)
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
