package io.iotconsole.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticationExtensionsClientInput;
import org.springframework.security.web.webauthn.api.AuthenticatorAttachment;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutableAuthenticationExtensionsClientInputs;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * Keeps the options of a passkey registration between its two requests in the session. Sessions live in PostgreSQL
 * (any instance may answer the second request) and are stored by Java serialisation, which Spring Security's options
 * object does not support: a serialisable copy of its values is kept instead, and the options rebuilt from it.
 */
final class PasskeyCreationOptions implements PublicKeyCredentialCreationOptionsRepository {
    static final String ATTRIBUTE = "console.passkeyCreationOptions";
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            PublicKeyCredentialParameters.EdDSA,
            PublicKeyCredentialParameters.ES256,
            PublicKeyCredentialParameters.ES384,
            PublicKeyCredentialParameters.ES512,
            PublicKeyCredentialParameters.RS256,
            PublicKeyCredentialParameters.RS384,
            PublicKeyCredentialParameters.RS512,
            PublicKeyCredentialParameters.RS1);

    record Snapshot(
            String rpId,
            String rpName,
            Bytes userId,
            String userName,
            @Nullable String userDisplayName,
            Bytes challenge,
            long[] algorithms,
            @Nullable Duration timeout,
            List<PublicKeyCredentialDescriptor> excludeCredentials,
            @Nullable AuthenticatorAttachment attachment,
            @Nullable String residentKey,
            @Nullable UserVerificationRequirement userVerification,
            @Nullable String attestation,
            List<AuthenticationExtensionsClientInput> extensions)
            implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    @Override
    public void save(
            HttpServletRequest request,
            HttpServletResponse response,
            @Nullable PublicKeyCredentialCreationOptions options) {
        if (options == null) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(ATTRIBUTE);
            }
            return;
        }
        AuthenticatorSelectionCriteria selection = options.getAuthenticatorSelection();
        request.getSession(true)
                .setAttribute(
                        ATTRIBUTE,
                        new Snapshot(
                                options.getRp().getId(),
                                options.getRp().getName(),
                                options.getUser().getId(),
                                options.getUser().getName(),
                                options.getUser().getDisplayName(),
                                options.getChallenge(),
                                options.getPubKeyCredParams().stream()
                                        .mapToLong(p -> p.getAlg().getValue())
                                        .toArray(),
                                options.getTimeout(),
                                options.getExcludeCredentials() == null
                                        ? List.of()
                                        : new ArrayList<>(options.getExcludeCredentials()),
                                selection == null ? null : selection.getAuthenticatorAttachment(),
                                selection == null || selection.getResidentKey() == null
                                        ? null
                                        : selection.getResidentKey().getValue(),
                                selection == null ? null : selection.getUserVerification(),
                                options.getAttestation() == null
                                        ? null
                                        : options.getAttestation().getValue(),
                                options.getExtensions() == null
                                        ? List.of()
                                        : new ArrayList<>(
                                                options.getExtensions().getInputs())));
    }

    @Override
    public @Nullable PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof Snapshot s)) {
            return null;
        }
        var selection = AuthenticatorSelectionCriteria.builder()
                .authenticatorAttachment(s.attachment())
                .residentKey(s.residentKey() == null ? null : ResidentKeyRequirement.valueOf(s.residentKey()))
                .userVerification(s.userVerification())
                .build();
        return PublicKeyCredentialCreationOptions.builder()
                .rp(PublicKeyCredentialRpEntity.builder()
                        .id(s.rpId())
                        .name(s.rpName())
                        .build())
                .user(ImmutablePublicKeyCredentialUserEntity.builder()
                        .id(s.userId())
                        .name(s.userName())
                        .displayName(s.userDisplayName())
                        .build())
                .challenge(s.challenge())
                .pubKeyCredParams(Arrays.stream(s.algorithms())
                        .mapToObj(PasskeyCreationOptions::algorithm)
                        .toList())
                .timeout(s.timeout())
                .excludeCredentials(s.excludeCredentials())
                .authenticatorSelection(selection)
                .attestation(s.attestation() == null ? null : AttestationConveyancePreference.valueOf(s.attestation()))
                .extensions(new ImmutableAuthenticationExtensionsClientInputs(s.extensions()))
                .build();
    }

    private static PublicKeyCredentialParameters algorithm(long value) {
        return ALGORITHMS.stream()
                .filter(p -> p.getAlg().getValue() == value)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown passkey algorithm " + value));
    }
}
