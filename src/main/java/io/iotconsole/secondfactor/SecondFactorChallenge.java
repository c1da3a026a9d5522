package io.iotconsole.secondfactor;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.SignInAttempts;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.SecretBox;
import io.iotconsole.shared.Tokens;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.LockedException;
import org.springframework.stereotype.Component;

/**
 * The code asked after the password: the authenticator app's current code (each time step's code accepted once) or
 * one of the recovery codes (each once). Wrong codes count against the account and the address exactly as wrong
 * passwords do, with the same limits and lock, and are audited; so a stolen password does not buy unlimited guesses.
 * Runs outside any transaction, as the sign-in throttle must.
 */
@Component
class SecondFactorChallenge {
    enum Outcome {
        ACCEPTED,
        RECOVERY_CODE_ACCEPTED,
        WRONG,
        LOCKED
    }

    private final SecondFactorRepository repository;
    private final TotpCodes codes;
    private final SecretBox box;
    private final SignInAttempts attempts;
    private final AuditLog audit;

    SecondFactorChallenge(
            SecondFactorRepository repository,
            TotpCodes codes,
            SecretBox box,
            SignInAttempts attempts,
            AuditLog audit) {
        this.repository = repository;
        this.codes = codes;
        this.box = box;
        this.attempts = attempts;
        this.audit = audit;
    }

    Outcome check(ConsoleUser user, @Nullable String typed, @Nullable String address) {
        SignInAttempts.Attempt attempt;
        try {
            attempt = attempts.begin(user.login(), address);
        } catch (LockedException e) {
            audit.recordIndependently(
                    SecondFactors.failure(user, "SIGN_IN_SECOND_FACTOR", "locked after repeated failures"));
            return Outcome.LOCKED;
        }
        String code = typed == null ? "" : typed.strip();
        TenantScope scope = TenantScope.internal(user.organizationId());
        boolean recovery = !code.replaceAll("\\s", "").matches("\\d{6}");
        boolean right = recovery ? recoveryCode(user, scope, code) : appCode(user, scope, code);
        if (!right) {
            attempts.failed(attempt);
            audit.recordIndependently(SecondFactors.failure(
                    user,
                    "SIGN_IN_SECOND_FACTOR",
                    recovery ? "wrong or used recovery code" : "wrong or already used authenticator code"));
            return Outcome.WRONG;
        }
        attempts.succeeded(attempt);
        audit.recordIndependently(AuditRecord.success(
                        user.organizationId(), "SIGN_IN_SECOND_FACTOR", "USER", user.id(), user.auditLabel())
                .withDetail(recovery ? "with a recovery code" : "with the authenticator app"));
        if (recovery) {
            audit.recordIndependently(AuditRecord.success(
                            user.organizationId(), "RECOVERY_CODE_USED", "USER", user.id(), user.auditLabel())
                    .withDetail(repository.unusedRecoveryCodes(scope, user.id()) + " recovery codes left"));
            return Outcome.RECOVERY_CODE_ACCEPTED;
        }
        return Outcome.ACCEPTED;
    }

    private boolean appCode(ConsoleUser user, TenantScope scope, String code) {
        var totp = repository.totp(scope, user.id()).filter(t -> t.confirmedAt() != null);
        if (totp.isEmpty()) {
            return false;
        }
        OptionalLong step = codes.matchingStep(box.decrypt(totp.get().secretEncrypted()), code);
        return step.isPresent() && repository.takeStep(scope, user.id(), step.getAsLong(), false);
    }

    private boolean recoveryCode(ConsoleUser user, TenantScope scope, String code) {
        String normalised = SecondFactors.normalise(code);
        return !normalised.isEmpty()
                && normalised.length() <= 64
                && repository.useRecoveryCode(scope, user.id(), Tokens.hash(normalised));
    }
}
