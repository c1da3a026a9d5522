package io.iotconsole.secondfactor;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock authenticator codes are read against: a bean, so that tests can move time instead of waiting. */
@Configuration(proxyBeanMethods = false)
class SecondFactorConfig {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
