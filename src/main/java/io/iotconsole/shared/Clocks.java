package io.iotconsole.shared;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock that time-dependent rules read, so that tests can move it instead of waiting. */
@Configuration(proxyBeanMethods = false)
class Clocks {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
