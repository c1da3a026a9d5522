package io.iotconsole.security;

import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpMessageConverterAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;

/**
 * Two audiences, two chains: the Management API under {@code /api/**} (stateless, opaque bearer tokens checked
 * against the database on every request) and the console (form sign-in, sessions in PostgreSQL, CSRF).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {
    /** The pages' content security policy: scripts and styles from the console itself only. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /**
     * No metrics or traces are exported, so the security filter chain is not wrapped for observations: the
     * property {@code management.observations.enable.spring.security=false} only made each wrapped filter's
     * observation a no-op, still created per filter and request.
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings noSecurityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /** The password check itself, shared by the console and the token endpoint (a dummy hash for unknown names). */
    @Bean
    DaoAuthenticationProvider passwordCheck(
            UserDetailsService users, UserDetailsPasswordService rehash, PasswordEncoder encoder) {
        var passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        passwords.setUserDetailsPasswordService(rehash);
        return passwords;
    }

    /**
     * Password sign-in for the token endpoint: only roles with API access get a token; any other account's right
     * password is refused (and counted) like a wrong one. So is the password of a console user who has a second
     * factor, or whose organisation requires one: a password alone is not enough for them anywhere (the API is
     * for API users, whose client secret is their credential).
     */
    @Bean
    AuthenticationManager authenticationManager(
            DaoAuthenticationProvider passwordCheck,
            RotatedSecrets rotated,
            SignInAttempts attempts,
            ApplicationEventPublisher events,
            SecondFactorGate secondFactors) {
        return manager(
                new ThrottledAuthenticationProvider(
                        new GraceSecretProvider(passwordCheck, rotated),
                        attempts,
                        u -> Permission.API_ACCESS.grantFor(u.role()).allows()
                                && (u.role() == Role.API_USER || passwordIsEnough(secondFactors.status(u)))),
                events);
    }

    private static boolean passwordIsEnough(SecondFactorGate.Status status) {
        return !status.enrolled() && !status.required();
    }

    /** Console sign-in: API users are machine identities and cannot open the console, whatever their secret. */
    private static AuthenticationManager consoleSignIn(
            DaoAuthenticationProvider passwordCheck,
            SignInAttempts attempts,
            ApplicationEventPublisher events,
            SecondFactorGate secondFactors) {
        return manager(
                new ThrottledAuthenticationProvider(
                        passwordCheck,
                        attempts,
                        u -> u.role() != Role.API_USER,
                        u -> secondFactors.status(u).enrolled()),
                events);
    }

    private static AuthenticationManager manager(AuthenticationProvider provider, ApplicationEventPublisher events) {
        var manager = new ProviderManager(List.of(provider));
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
        return manager;
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, OpaqueTokenIntrospector tokens) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.requestMatchers(
                                "/api/v1/oauth/token",
                                "/api/v1/oauth/revoke",
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
                // Nothing here signs out, and no handler reads the servlet request's user: two filters less per call.
                .logout(l -> l.disable())
                .servletApi(s -> s.disable())
                .oauth2ResourceServer(o -> o.opaqueToken(t -> t.authenticationManager(bearerTokens(tokens)))
                        .authenticationEntryPoint(ProblemResponses.unauthorized())
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                .exceptionHandling(e -> e.authenticationEntryPoint(ProblemResponses.unauthorized())
                        .accessDeniedHandler(ProblemResponses.forbidden()));
        return http.build();
    }

    /**
     * The bearer token check alone, publishing no authentication events: a token presented is no sign-in (nothing
     * listens for it), and each event cost a transaction of the sign-in listener on every API call. The check itself
     * stays a database lookup on every request, so that revocation is immediate on every instance.
     */
    private static AuthenticationManager bearerTokens(OpaqueTokenIntrospector tokens) {
        return new ProviderManager(new OpaqueTokenAuthenticationProvider(tokens));
    }

    /**
     * A passkey signs in the console user it belongs to, both factors at once; the sign-in is published like a
     * password's (for the audit log) and the session gets a new id.
     */
    private static ObjectPostProcessor<WebAuthnAuthenticationFilter> passkeySignIn(
            WebAuthnRelyingPartyOperations relyingParty, ConsoleUserLookup users, ApplicationEventPublisher events) {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                filter.setAuthenticationManager(manager(new PasskeySignIn(relyingParty, users), events));
                var answer = new HttpMessageConverterAuthenticationSuccessHandler();
                filter.setAuthenticationSuccessHandler((request, response, auth) -> {
                    SecondFactorSession.verified(request);
                    answer.onAuthenticationSuccess(request, response, auth);
                });
                return filter;
            }
        };
    }

    @Bean
    @Order(3)
    SecurityFilterChain console(
            HttpSecurity http,
            DaoAuthenticationProvider passwordCheck,
            SignInAttempts attempts,
            ApplicationEventPublisher events,
            ConsoleUserLookup users,
            SecondFactorGate secondFactors,
            WebAuthnRelyingPartyOperations relyingParty)
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
                                "/.well-known/oauth-authorization-server",
                                "/v3/api-docs/**",
                                "/api-docs-ui/**",
                                "/swagger-ui/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .authenticationManager(consoleSignIn(passwordCheck, attempts, events, secondFactors))
                .formLogin(f -> f.loginPage("/login")
                        .usernameParameter("email")
                        .successHandler(new SecondFactorSignIn(secondFactors))
                        .failureUrl("/login?error")
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout")
                        .logoutSuccessUrl("/login?signedOut")
                        .deleteCookies("SESSION"))
                // a session deleted elsewhere (deactivation, password change) or expired: say so on the sign-in page
                .sessionManagement(s -> s.invalidSessionUrl("/login?ended"))
                // passkeys: Spring Security's endpoints; the console draws its own pages for them
                .webAuthn(w -> w.rpName("IoT Console")
                        .disableDefaultRegistrationPage(true)
                        .creationOptionsRepository(new PasskeyCreationOptions())
                        .withObjectPostProcessor(passkeySignIn(relyingParty, users, events)))
                .addFilterAfter(new SessionRevalidationFilter(users), SecurityContextHolderFilter.class)
                .addFilterAfter(new SecondFactorFilter(secondFactors), SessionRevalidationFilter.class)
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
