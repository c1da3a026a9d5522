package io.iotconsole.shared;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The time that rules and scheduled work read (credential expiry, secret grace, dormant accounts, second-factor
 * codes, webhook back-off), as one bean so that tests can move it forward instead of sleeping.
 */
@Configuration(proxyBeanMethods = false)
class SystemClock {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
