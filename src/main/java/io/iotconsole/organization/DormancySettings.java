package io.iotconsole.organization;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Permission;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.NotFoundException;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * After how many days without a sign-in an organisation's users are deactivated (null: never). The setting reaches
 * users of every role up to Admins, so changing it needs the right to deactivate Admins (user.manage.admin), which
 * is the Owner's.
 */
@Service
public class DormancySettings {
    public static final int DEFAULT_DAYS = 90;
    public static final int MIN_DAYS = 14;
    public static final int MAX_DAYS = 3650;
    private final DormancySettingsRepository repository;
    private final AccessPolicy access;
    private final AuditLog audit;

    DormancySettings(DormancySettingsRepository repository, AccessPolicy access, AuditLog audit) {
        this.repository = repository;
        this.access = access;
        this.audit = audit;
    }

    /** Whether the caller may change the setting (the page shows the form only then). */
    public boolean mayChange() {
        return access.can(Permission.USER_MANAGE_ADMIN);
    }

    @Transactional(readOnly = true)
    public @Nullable Integer daysOf(UUID organizationId) {
        TenantScope scope = access.ownScope().narrowedTo(organizationId);
        return repository
                .days(scope, organizationId)
                .orElseThrow(() -> new NotFoundException("Organisation"))
                .days();
    }

    /** Off, or on after {@code days} days; audited with the old and new value. */
    @Transactional
    public void change(@Nullable UUID organizationId, boolean enabled, @Nullable String days) {
        TenantScope scope = access.scope(Permission.USER_MANAGE_ADMIN, organizationId);
        UUID id = scope.organizationId("organizationId");
        Integer wanted = enabled ? parse(days) : null;
        Integer before = repository
                .days(scope, id)
                .orElseThrow(() -> new NotFoundException("Organisation"))
                .days();
        repository.update(scope, id, wanted);
        audit.record(AuditRecord.success(id, "DORMANCY_SETTING_CHANGED", "ORGANIZATION", id, null)
                .withDetail("deactivate users not signed in for: " + describe(before) + " → " + describe(wanted)));
    }

    private static Integer parse(@Nullable String days) {
        String text = Objects.requireNonNullElse(days, "").strip();
        try {
            int n = Integer.parseInt(text);
            if (n >= MIN_DAYS && n <= MAX_DAYS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw InvalidInputException.of(
                "dormantAfterDays", "Enter a number of days from " + MIN_DAYS + " to " + MAX_DAYS);
    }

    private static String describe(@Nullable Integer days) {
        return days == null ? "never" : days + " days";
    }
}
