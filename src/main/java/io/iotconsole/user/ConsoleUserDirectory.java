package io.iotconsole.user;

import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.ConsoleUserLookup;
import io.iotconsole.shared.TextFields;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where Spring Security finds users: by e-mail (any case) or API client id for password sign-in, by id and
 * credentials version for the per-request session check. Only ACTIVE users are found at all, so an invited or
 * deactivated account fails exactly like a wrong password (and the dummy hash keeps the timing the same).
 */
@Component
class ConsoleUserDirectory implements UserDetailsService, ConsoleUserLookup, UserDetailsPasswordService {
    private final UserRepository repository;

    ConsoleUserDirectory(UserRepository repository) {
        this.repository = repository;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String login) {
        if (TextFields.problem(login.strip(), 254, false) != null) {
            // no account has such a name (over-long, control characters): the same answer as an unknown one
            throw new UsernameNotFoundException("No active user with this login");
        }
        return repository
                .findCredentials(login.strip())
                .filter(c -> c.user().status() == UserStatus.ACTIVE && c.passwordHash() != null)
                .map(ConsoleUserDirectory::principal)
                .orElseThrow(() -> new UsernameNotFoundException("No active user with this login"));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ConsoleUser> findCurrent(UUID userId, int credentialsVersion) {
        return repository.findActive(userId, credentialsVersion).map(ConsoleUserDirectory::principal);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ConsoleUser> findActive(UUID userId) {
        return repository
                .findCredentials(userId)
                .filter(c -> c.user().status() == UserStatus.ACTIVE && c.passwordHash() != null)
                .map(ConsoleUserDirectory::principal);
    }

    /** Re-hashes a password stored under an older encoder setting, on a successful sign-in. */
    @Override
    @Transactional
    public UserDetails updatePassword(UserDetails user, String newPassword) {
        ConsoleUser signedIn = (ConsoleUser) user;
        repository.upgradeHash(signedIn.id(), newPassword);
        return signedIn.withPasswordHash(newPassword);
    }

    static ConsoleUser principal(UserRepository.Credentials c) {
        User u = c.user();
        return new ConsoleUser(
                u.id(), u.organizationId(), u.role(), u.login(), u.name(), c.credentialsVersion(), c.passwordHash());
    }
}
