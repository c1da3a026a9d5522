package io.iotconsole.webhook;

import io.iotconsole.shared.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signing secrets: made as {@code whsec_<base64>}, kept encrypted at rest ({@link SecretBox}: AES-256-GCM with the
 * key {@code CONSOLE_WEBHOOKS_SECRET_KEY}, or a key generated into the data directory), and used to sign as Standard
 * Webhooks says.
 */
@Component
class WebhookSecrets {
    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretBox box;

    WebhookSecrets(
            @Value("${console.webhooks.secret-key:}") String key, @Value("${console.data-dir:./data}") String dataDir) {
        this.box = new SecretBox(key, dataDir, "webhook-secrets.key", "CONSOLE_WEBHOOKS_SECRET_KEY");
    }

    /** A fresh secret, as shown once to whoever creates or rotates it. */
    String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    String encrypt(String secret) {
        return box.encrypt(secret);
    }

    String decrypt(String stored) {
        return box.decrypt(stored);
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
}
