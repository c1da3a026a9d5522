package io.iotconsole.security;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords and API secrets are hashed with Argon2id at Keycloak 26's defaults (t=5, m=7 MiB, p=1), behind a
 * delegating encoder so that a stronger setting can be introduced later and old hashes upgraded on sign-in.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    static final int PARALLELISM = 1;
    static final int MEMORY_KIB = 7 * 1024;
    static final int ITERATIONS = 5;

    @Bean
    PasswordEncoder passwordEncoder() {
        String current = "argon2id-t5-m7168";
        var argon2 = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
        return new DelegatingPasswordEncoder(current, Map.of(current, argon2));
    }
}
