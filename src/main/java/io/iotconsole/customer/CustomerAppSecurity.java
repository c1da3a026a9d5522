package io.iotconsole.customer;

import io.iotconsole.security.SecurityConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * The customer app's own chain, apart from the console's: no console session is read or created under
 * {@code /app}; {@link CustomerAppAuthentication} finds the signed-in customer from the app's cookie or the mobile
 * app's bearer token, and the app's controllers decide. Forms carry a CSRF token kept in a cookie.
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
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .csrf(c -> c.csrfTokenRepository(csrfTokens).ignoringRequestMatchers("/app/api/**"))
                .addFilterBefore(
                        new CustomerAppAuthentication(sessions), org.springframework.security.web.csrf.CsrfFilter.class)
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(SecurityConfig.CSP)));
        return http.build();
    }
}
