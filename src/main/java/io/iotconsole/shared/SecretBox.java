package io.iotconsole.shared;

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

/**
 * Encrypts secrets that must stay readable (authenticator-app secrets to check codes, webhook secrets to sign), so
 * that a copy of the database alone does not yield them: AES-256-GCM with a fresh nonce per value. The key is a
 * configured 32 bytes in Base64; without one, a key generated on first use and kept in a file under
 * {@code CONSOLE_DATA_DIR}, which suits one instance (several instances must share one configured key).
 */
public final class SecretBox {
    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private final String configured;
    private final Path dataDir;
    private final String keyFileName;
    private final String setting;
    private volatile SecretKey key;

    /**
     * @param configured the configured key (32 bytes, Base64), or blank for a generated key file
     * @param keyFileName the generated key's file under {@code dataDir}
     * @param setting the environment variable that configures the key, for messages
     */
    public SecretBox(String configured, String dataDir, String keyFileName, String setting) {
        this.configured = configured.strip();
        this.dataDir = Path.of(dataDir);
        this.keyFileName = keyFileName;
        this.setting = setting;
    }

    public String encrypt(String plain) {
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

    public String decrypt(String stored) {
        byte[] in = Base64.getDecoder().decode(stored);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A secret cannot be read with the key of " + setting, e);
        }
    }

    private SecretKey key() {
        SecretKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(configured.isEmpty() ? keyFile() : decode(configured, setting), "AES");
                }
                k = key;
            }
        }
        return k;
    }

    private static byte[] decode(String base64, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " must be 32 bytes in Base64 (openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(setting + " must be 32 bytes in Base64 (openssl rand -base64 32)");
        }
        return bytes;
    }

    private byte[] keyFile() {
        Path file = dataDir.resolve(keyFileName);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                Path tmp = Files.createTempFile(dataDir, keyFileName, ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's own protection applies
                }
                Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh));
                try {
                    Files.move(tmp, file);
                    log.warn(
                            "Created {} to encrypt secrets at rest; set {} instead when several instances share the"
                                    + " database",
                            file,
                            setting);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    Files.deleteIfExists(tmp); // another start made it first
                }
            }
            return decode(Files.readString(file).strip(), setting);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
