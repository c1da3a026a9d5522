package io.iotconsole.user;

import io.iotconsole.security.Role;
import io.iotconsole.shared.Tokens;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the platform operator on first start: {@code CONSOLE_OPERATOR_EMAIL} / {@code CONSOLE_OPERATOR_PASSWORD},
 * or, with no password configured, a generated one printed to the log this once.
 */
@Component
class OperatorBootstrap implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final TransactionTemplate tx;
    private final String email;
    private final String password;

    OperatorBootstrap(
            UserRepository users,
            PasswordEncoder passwords,
            TransactionTemplate tx,
            @Value("${console.operator.email}") String email,
            @Value("${console.operator.password:}") String password) {
        this.users = users;
        this.passwords = passwords;
        this.tx = tx;
        this.email = email;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            if (users.operatorExistsLocked()) {
                return;
            }
            boolean generated = password.isBlank();
            String secret = generated ? Tokens.newToken().substring(0, 24) : password;
            var operator = new User(
                    UUID.randomUUID(),
                    null,
                    Role.OPERATOR,
                    "Platform",
                    "Operator",
                    email.strip(),
                    null,
                    null,
                    null,
                    "Runs this installation",
                    EnumSet.allOf(Dashboard.class),
                    UserStatus.ACTIVE,
                    Instant.now(),
                    null);
            users.insert(operator, passwords.encode(secret));
            if (generated) {
                log.warn(
                        "Created the platform operator {} with the generated password: {}  (shown only this once)",
                        email,
                        secret);
            } else {
                log.info("Created the platform operator {} with the configured password", email);
            }
        });
    }
}
