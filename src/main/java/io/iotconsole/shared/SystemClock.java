package io.iotconsole.shared;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock of rules that depend on the time (credential expiry, secret grace), so that tests can move it. */
@Configuration(proxyBeanMethods = false)
class SystemClock {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
