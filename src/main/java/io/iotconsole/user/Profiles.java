package io.iotconsole.user;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.Permission;
import io.iotconsole.security.SessionTerminator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A signed-in user's own profile: name, phone and password (permission user.self). */
@Service
public class Profiles {
    private final UserRepository repository;
    private final AccessTokenRepository accessTokens;
    private final SessionTerminator sessions;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final PasswordEncoder passwords;

    Profiles(
            UserRepository repository,
            AccessTokenRepository accessTokens,
            SessionTerminator sessions,
            AccessPolicy access,
            AuditLog audit,
            PasswordEncoder passwords) {
        this.repository = repository;
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.access = access;
        this.audit = audit;
        this.passwords = passwords;
    }

    @Transactional(readOnly = true)
    public User me() {
        ConsoleUser caller = access.require(Permission.USER_SELF);
        return repository.find(access.ownScope(), caller.id()).orElseThrow();
    }

    @Transactional
    public User updateOwnProfile(
            @Nullable String firstName,
            @Nullable String lastName,
            @Nullable String countryCode,
            @Nullable String mobileNumber) {
        User me = me();
        UserInput input = new UserInput();
        String first = input.name("firstName", firstName, true);
        String last = input.name("lastName", lastName, true);
        String[] phone = input.phone(countryCode, mobileNumber);
        input.throwIfAny();
        User changed = new User(
                me.id(),
                me.organizationId(),
                me.role(),
                Objects.requireNonNull(first),
                Objects.requireNonNull(last),
                me.email(),
                me.clientId(),
                phone[0],
                phone[1],
                me.description(),
                me.dashboards(),
                me.status(),
                me.createdAt(),
                me.lastSignInAt());
        repository.update(changed);
        audit.record(
                AuditRecord.success(me.organizationId(), "PROFILE_UPDATED", "USER", me.id(), changed.auditLabel()));
        return changed;
    }

    /**
     * Checks the current password, sets the new one and ends every session and token of the user, this one
     * included; the console signs the caller in again with the new credentials (see the profile page).
     */
    @Transactional
    public ConsoleUser changeOwnPassword(
            @Nullable String currentPassword, @Nullable String newPassword, @Nullable String confirmation) {
        User me = me();
        UserInput input = new UserInput();
        var credentials = repository.findCredentials(me.id()).orElseThrow();
        if (currentPassword == null
                || credentials.passwordHash() == null
                || !passwords.matches(currentPassword, credentials.passwordHash())) {
            input.add("currentPassword", "This is not your current password");
        }
        input.secret("newPassword", newPassword);
        if (newPassword != null && !newPassword.equals(confirmation)) {
            input.add("confirmation", "The two new passwords differ");
        }
        input.throwIfAny();
        repository.setPassword(me.id(), passwords.encode(newPassword));
        accessTokens.deleteAllOf(me.id());
        sessions.endAllSessionsOf(me.id());
        audit.record(AuditRecord.success(me.organizationId(), "PASSWORD_CHANGED", "USER", me.id(), me.auditLabel()));
        return ConsoleUserDirectory.principal(
                repository.findCredentials(me.id()).orElseThrow());
    }
}
