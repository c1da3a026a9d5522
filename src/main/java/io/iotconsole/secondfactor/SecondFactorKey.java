package io.iotconsole.secondfactor;

import io.iotconsole.shared.SecretBox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The key that keeps authenticator-app secrets encrypted at rest: {@code CONSOLE_SECOND_FACTOR_KEY} or a key file. */
@Configuration(proxyBeanMethods = false)
class SecondFactorKey {
    @Bean
    SecretBox secondFactorSecrets(
            @Value("${console.second-factor.key:}") String configured,
            @Value("${console.data-dir:./data}") String dataDir) {
        return new SecretBox(configured, dataDir, "second-factor.key", "CONSOLE_SECOND_FACTOR_KEY");
    }
}
