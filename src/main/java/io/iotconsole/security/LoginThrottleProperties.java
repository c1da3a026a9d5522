package io.iotconsole.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Repeated failed sign-ins: from {@code slowAfter} failures on in a window each further attempt is delayed by
 * {@code delay}; at {@code lockAfterPerAccount} failures against one account, or {@code lockAfterPerAddress} from
 * one address, sign-ins there are refused for {@code lockFor}.
 */
@ConfigurationProperties("console.login")
public record LoginThrottleProperties(
        Integer slowAfter,
        Duration delay,
        Integer lockAfterPerAccount,
        Integer lockAfterPerAddress,
        Duration window,
        Duration lockFor) {
    public LoginThrottleProperties {
        slowAfter = slowAfter == null ? 3 : slowAfter;
        delay = delay == null ? Duration.ofSeconds(1) : delay;
        lockAfterPerAccount = lockAfterPerAccount == null ? 10 : lockAfterPerAccount;
        lockAfterPerAddress = lockAfterPerAddress == null ? 50 : lockAfterPerAddress;
        window = window == null ? Duration.ofMinutes(15) : window;
        lockFor = lockFor == null ? Duration.ofMinutes(15) : lockFor;
    }
}
