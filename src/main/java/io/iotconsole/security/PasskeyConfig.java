package io.iotconsole.security;

import java.net.URI;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * Passkeys (WebAuthn) through Spring Security, kept in PostgreSQL so that every instance knows them. The relying
 * party is the console's public address, {@code CONSOLE_BASE_URL}: its host is the passkeys' domain and its origin
 * the one browsers may use them from. Without it, the address this instance answers on (localhost and its port).
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfig {
    @Bean
    PublicKeyCredentialUserEntityRepository passkeyUsers(JdbcOperations jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    }

    @Bean
    UserCredentialRepository passkeyCredentials(JdbcOperations jdbc) {
        return new JdbcUserCredentialRepository(jdbc);
    }

    @Bean
    WebAuthnRelyingPartyOperations passkeyRelyingParty(
            PublicKeyCredentialUserEntityRepository users,
            UserCredentialRepository credentials,
            @Value("${console.base-url:}") String baseUrl,
            Environment environment) {
        ConsoleOrigin origin = new ConsoleOrigin(baseUrl, environment);
        return new Webauthn4JRelyingPartyOperations(
                users,
                credentials,
                PublicKeyCredentialRpEntity.builder()
                        .id(origin.host())
                        .name("IoT Console")
                        .build(),
                origin);
    }

    /**
     * The one allowed origin, read when a ceremony is checked: without a configured base URL the port is known only
     * once the server listens.
     */
    static final class ConsoleOrigin extends AbstractSet<String> {
        private final String configured;
        private final Environment environment;

        ConsoleOrigin(String configured, Environment environment) {
            this.configured = configured.strip();
            this.environment = environment;
        }

        String host() {
            return configured.isEmpty() ? "localhost" : URI.create(configured).getHost();
        }

        String origin() {
            if (configured.isEmpty()) {
                return "http://localhost:" + environment.getProperty("local.server.port", "8080");
            }
            URI uri = URI.create(configured);
            return uri.getScheme() + "://" + uri.getRawAuthority();
        }

        @Override
        public Iterator<String> iterator() {
            return Set.of(origin()).iterator();
        }

        @Override
        public int size() {
            return 1;
        }
    }
}
