package io.iotconsole.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.stereotype.Component;

/**
 * Signing secrets: made as {@code whsec_<base64>}, kept encrypted (AES-256-GCM, Spring Security's {@link Encryptors})
 * with the key {@code console.webhooks.secret-key}, and used to sign as Standard Webhooks says.
 */
@Component
class WebhookSecrets {
    private static final Logger log = LoggerFactory.getLogger(WebhookSecrets.class);
    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final TextEncryptor encryptor;

    WebhookSecrets(@Value("${console.webhooks.secret-key:}") String key) {
        String password = key;
        if (password.isBlank()) {
            log.warn("console.webhooks.secret-key is not set: webhook secrets are encrypted with a built-in key;"
                    + " set CONSOLE_WEBHOOKS_SECRET_KEY (the same on every instance) to keep them safe at rest");
            password = "iot-console-webhooks-default-key";
        }
        // the salt only needs to be fixed per key: every value gets a random nonce of its own
        String salt = HexFormat.of().formatHex(sha256(("salt:" + password).getBytes(StandardCharsets.UTF_8)), 0, 16);
        this.encryptor = Encryptors.delux(password, salt);
    }

    /** A fresh secret, as shown once to whoever creates or rotates it. */
    String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    String encrypt(String secret) {
        return encryptor.encrypt(secret);
    }

    String decrypt(String stored) {
        return encryptor.decrypt(stored);
    }

    /** {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} with the secret's key (the base64 after whsec_). */
    static String sign(String secret, String id, long timestamp, String body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
