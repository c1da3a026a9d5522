package io.iotconsole.secondfactor;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditOutcome;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.Permission;
import io.iotconsole.security.SecondFactorGate;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.SecretBox;
import io.iotconsole.shared.TextFields;
import io.iotconsole.shared.Tokens;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A signed-in console user's own second factors (permission user.self): an authenticator app with recovery codes,
 * passkeys; and the organisation's requirement of them (its Owners). Every change is audited. A user whose
 * organisation requires a second factor cannot remove their last one.
 */
@Service
public class SecondFactors implements SecondFactorGate {
    static final int RECOVERY_CODES = 10;
    private static final String CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecondFactorRepository repository;
    private final TotpCodes codes;
    private final SecretBox box;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final PublicKeyCredentialUserEntityRepository passkeyUsers;

    SecondFactors(
            SecondFactorRepository repository,
            TotpCodes codes,
            SecretBox box,
            AccessPolicy access,
            AuditLog audit,
            PublicKeyCredentialUserEntityRepository passkeyUsers) {
        this.repository = repository;
        this.codes = codes;
        this.box = box;
        this.access = access;
        this.audit = audit;
        this.passkeyUsers = passkeyUsers;
    }

    /** An authenticator app being set up: its secret in text, as a link and as a QR code. */
    public record PendingApp(String secret, String uri, String qrSvg) {}

    /** What the security page shows. */
    public record Overview(
            boolean appConfirmed,
            @Nullable PendingApp pendingApp,
            List<SecondFactorRepository.Passkey> passkeys,
            int unusedRecoveryCodes,
            boolean required,
            boolean mayRequire) {}

    /** What the sign-in step offers the signed-in user. */
    public record ChallengeOptions(boolean app, boolean passkeys, int unusedRecoveryCodes) {}

    @Transactional(readOnly = true)
    public ChallengeOptions challengeOptions() {
        ConsoleUser me = access.require(Permission.USER_SELF);
        TenantScope scope = access.ownScope();
        return new ChallengeOptions(
                repository
                        .totp(scope, me.id())
                        .filter(t -> t.confirmedAt() != null)
                        .isPresent(),
                !repository.passkeys(me.id()).isEmpty(),
                repository.unusedRecoveryCodes(scope, me.id()));
    }

    @Override
    @Transactional(readOnly = true)
    public Status status(ConsoleUser user) {
        var s = repository.status(user.id(), user.organizationId());
        return new Status(s.enrolled(), s.required());
    }

    @Transactional
    public Overview overview() {
        ConsoleUser me = access.require(Permission.USER_SELF);
        TenantScope scope = access.ownScope();
        ensurePasskeyUser(me);
        var totp = repository.totp(scope, me.id());
        PendingApp pending = totp.filter(t -> t.confirmedAt() == null)
                .map(t -> {
                    String secret = box.decrypt(t.secretEncrypted());
                    String uri = TotpCodes.uri(secret, me.login());
                    return new PendingApp(secret, uri, TotpCodes.qrSvg(uri));
                })
                .orElse(null);
        UUID org = me.organizationId();
        return new Overview(
                totp.filter(t -> t.confirmedAt() != null).isPresent(),
                pending,
                repository.passkeys(me.id()),
                repository.unusedRecoveryCodes(scope, me.id()),
                org != null && repository.required(scope, org),
                org != null && access.can(Permission.USER_MANAGE_OWNER));
    }

    /** Passkeys name their user by id; the authenticator shows the display name, the user's login. */
    private void ensurePasskeyUser(ConsoleUser me) {
        if (passkeyUsers.findByUsername(me.getName()) == null) {
            passkeyUsers.save(ImmutablePublicKeyCredentialUserEntity.builder()
                    .name(me.getName())
                    .id(Bytes.random())
                    .displayName(me.login())
                    .build());
        }
    }

    /** A new secret for an authenticator app, in use once a first code from it is confirmed. */
    @Transactional
    public void startApp() {
        ConsoleUser me = access.require(Permission.USER_SELF);
        TenantScope scope = access.ownScope();
        if (repository.totp(scope, me.id()).filter(t -> t.confirmedAt() != null).isPresent()) {
            throw new ConflictException("An authenticator app is already set up; remove it first to set up another");
        }
        repository.startTotp(scope, me.id(), me.organizationId(), box.encrypt(TotpCodes.newSecret()));
    }

    /** The first code proves the app holds the secret; the answer is the new recovery codes, shown once. */
    @Transactional
    public List<String> confirmApp(@Nullable String code) {
        ConsoleUser me = access.require(Permission.USER_SELF);
        TenantScope scope = access.ownScope();
        var pending = repository
                .totp(scope, me.id())
                .filter(t -> t.confirmedAt() == null)
                .orElseThrow(() -> InvalidInputException.of("code", "Start setting up an authenticator app first"));
        OptionalLong step = codes.matchingStep(box.decrypt(pending.secretEncrypted()), String.valueOf(code));
        if (step.isEmpty() || !repository.takeStep(scope, me.id(), step.getAsLong(), true)) {
            throw InvalidInputException.of(
                    "code", "This is not the app's current code: enter the six digits it shows now");
        }
        audit.record(own(me, "SECOND_FACTOR_APP_ADDED", "authenticator app"));
        return newRecoveryCodes(me, scope);
    }

    @Transactional
    public void removeApp() {
        ConsoleUser me = access.require(Permission.USER_SELF);
        TenantScope scope = access.ownScope();
        requireAnotherFactor(me, scope, repository.passkeys(me.id()).size());
        if (repository.deleteTotp(scope, me.id())) {
            audit.record(own(me, "SECOND_FACTOR_APP_REMOVED", "authenticator app"));
        }
    }

    /** Ten fresh recovery codes; the earlier ones stop working. */
    @Transactional
    public List<String> replaceRecoveryCodes() {
        ConsoleUser me = access.require(Permission.USER_SELF);
        TenantScope scope = access.ownScope();
        if (!repository.status(me.id(), me.organizationId()).enrolled()) {
            throw new ConflictException("Recovery codes come with a second factor: set one up first");
        }
        return newRecoveryCodes(me, scope);
    }

    private List<String> newRecoveryCodes(ConsoleUser me, TenantScope scope) {
        List<String> plain = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
            }
            code.insert(5, '-');
            plain.add(code.toString());
            hashes.add(Tokens.hash(normalise(code.toString())));
        }
        repository.replaceRecoveryCodes(scope, me.id(), me.organizationId(), hashes);
        audit.record(own(me, "RECOVERY_CODES_CREATED", RECOVERY_CODES + " recovery codes"));
        return plain;
    }

    static String normalise(String code) {
        return code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    @Transactional
    public void renamePasskey(@Nullable String credentialId, @Nullable String label) {
        ConsoleUser me = access.require(Permission.USER_SELF);
        String name = label == null ? "" : label.strip();
        String problem = TextFields.problem(name, 100, true);
        if (problem != null) {
            throw InvalidInputException.of("label", problem);
        }
        if (credentialId == null || !repository.renamePasskey(me.id(), credentialId, name)) {
            throw InvalidInputException.of("credentialId", "No such passkey of yours");
        }
        audit.record(own(me, "PASSKEY_RENAMED", name));
    }

    @Transactional
    public void removePasskey(@Nullable String credentialId) {
        ConsoleUser me = access.require(Permission.USER_SELF);
        TenantScope scope = access.ownScope();
        var mine = repository.passkeys(me.id());
        var passkey = mine.stream()
                .filter(p -> p.credentialId().equals(credentialId))
                .findFirst()
                .orElseThrow(() -> InvalidInputException.of("credentialId", "No such passkey of yours"));
        boolean app = repository
                .totp(scope, me.id())
                .filter(t -> t.confirmedAt() != null)
                .isPresent();
        requireAnotherFactor(me, scope, mine.size() - 1 + (app ? 1 : 0));
        repository.deletePasskey(me.id(), passkey.credentialId());
        audit.record(own(me, "PASSKEY_REMOVED", passkey.label()));
    }

    /** Removing a factor that is the last one is refused where the organisation requires one. */
    private void requireAnotherFactor(ConsoleUser me, TenantScope scope, int othersLeft) {
        UUID org = me.organizationId();
        if (othersLeft == 0 && org != null && repository.required(scope, org)) {
            throw new ConflictException(
                    "Your organisation requires a second factor: add another before removing your last one");
        }
    }

    @Override
    @Transactional
    public void passkeyRegistered(ConsoleUser user) {
        var passkeys = repository.passkeys(user.id());
        String label = passkeys.isEmpty()
                ? "passkey"
                : passkeys.get(passkeys.size() - 1).label();
        audit.record(own(user, "PASSKEY_ADDED", label));
    }

    /**
     * Whether every console user of the caller's organisation must have a second factor (its Owners decide). An
     * Owner turning it on needs a second factor first, so as not to be sent to enrolment by their own change.
     */
    @Transactional
    public void setRequired(boolean required) {
        ConsoleUser me = access.require(Permission.USER_MANAGE_OWNER);
        UUID org = me.organizationId();
        if (org == null) {
            throw new ConflictException("Second factors are required by each organisation's Owners, for their users");
        }
        TenantScope scope = access.ownScope();
        if (required == repository.required(scope, org)) {
            return;
        }
        if (required && !repository.status(me.id(), org).enrolled()) {
            throw new ConflictException("Set up your own second factor first, then require one of everybody");
        }
        repository.setRequired(scope, org, required);
        audit.record(AuditRecord.success(org, "SECOND_FACTOR_POLICY_CHANGED", "ORGANIZATION", org, null)
                .withDetail(required ? "a second factor is required" : "a second factor is optional"));
    }

    private static AuditRecord own(ConsoleUser me, String action, String what) {
        return AuditRecord.success(me.organizationId(), action, "USER", me.id(), me.auditLabel())
                .withDetail(what);
    }

    static AuditRecord failure(ConsoleUser me, String action, String detail) {
        return new AuditRecord(
                me.organizationId(),
                action,
                "USER",
                me.id().toString(),
                me.auditLabel(),
                AuditOutcome.FAILURE,
                detail,
                me.id(),
                me.auditLabel());
    }
}
