package io.iotconsole.shared;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The time scheduled work reads, as a bean so that it can be replaced (tests move it forward). */
@Configuration(proxyBeanMethods = false)
class SystemClock {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
