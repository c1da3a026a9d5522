package io.iotconsole.secondfactor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts authenticator-app secrets at rest (AES-256-GCM): they must be readable to check codes, so they cannot be
 * hashed, and a copy of the database alone must not yield them. The key is {@code CONSOLE_SECOND_FACTOR_KEY}
 * (32 bytes, Base64); without it, a key generated on first use and kept in {@code second-factor.key} under
 * {@code CONSOLE_DATA_DIR}, which suits one instance (several instances must share one configured key).
 */
@Component
class SecretBox {
    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private final String configured;
    private final Path dataDir;
    private volatile SecretKey key;

    SecretBox(
            @Value("${console.second-factor.key:}") String configured,
            @Value("${console.data-dir:./data}") String dataDir) {
        this.configured = configured.strip();
        this.dataDir = Path.of(dataDir);
    }

    String encrypt(String plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String decrypt(String stored) {
        byte[] in = Base64.getDecoder().decode(stored);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("An authenticator secret cannot be read with this key", e);
        }
    }

    private SecretKey key() {
        SecretKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(configured.isEmpty() ? keyFile() : decode(configured), "AES");
                }
                k = key;
            }
        }
        return k;
    }

    private static byte[] decode(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        if (bytes.length != 32) {
            throw new IllegalStateException("CONSOLE_SECOND_FACTOR_KEY must be 32 bytes in Base64");
        }
        return bytes;
    }

    private byte[] keyFile() {
        Path file = dataDir.resolve("second-factor.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                Path tmp = Files.createTempFile(dataDir, "second-factor", ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's own protection applies
                }
                Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh));
                try {
                    Files.move(tmp, file);
                    log.warn(
                            "Created {} to encrypt authenticator secrets; set CONSOLE_SECOND_FACTOR_KEY instead when"
                                    + " several instances share the database",
                            file);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    Files.deleteIfExists(tmp); // another start made it first
                }
            }
            return decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
