package io.iotconsole.secondfactor;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.springframework.stereotype.Component;

/**
 * Authenticator-app codes (RFC 6238: HMAC-SHA1, six digits, 30-second steps, as every authenticator app does by
 * default), computed by java-otp; the enrolment QR code drawn by ZXing as inline SVG.
 */
@Component
class TotpCodes {
    /** One step either side of now: a phone's clock a little off, or a code typed as it changed. */
    static final int DRIFT_STEPS = 1;

    private static final SecureRandom RANDOM = new SecureRandom();
    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();
    private final Clock clock;

    TotpCodes(Clock clock) {
        this.clock = clock;
    }

    /** A new secret of 160 bits, as RFC 4226 recommends, in the Base32 that authenticator apps take. */
    static String newSecret() {
        byte[] key = new byte[20];
        RANDOM.nextBytes(key);
        return new Base32().encodeToString(key).replace("=", "");
    }

    long currentStep() {
        return clock.instant().getEpochSecond() / generator.getTimeStep().toSeconds();
    }

    /** The code of a time step; tests compute theirs the same way from the secret they were shown. */
    String code(String secret, long step) {
        Instant at = Instant.ofEpochSecond(step * generator.getTimeStep().toSeconds());
        try {
            return String.format(Locale.ROOT, "%06d", generator.generateOneTimePassword(key(secret), at));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The time step, within the allowed drift of now, whose code this is; empty when none. */
    OptionalLong matchingStep(String secret, String typed) {
        String code = typed.replaceAll("\\s", "");
        if (!code.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        long now = currentStep();
        for (long step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step++) {
            if (MessageDigest.isEqual(
                    code(secret, step).getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /** The otpauth URI authenticator apps read from the QR code. */
    static String uri(String secret, String account) {
        String label = enc("IoT Console") + ":" + enc(account);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + enc("IoT Console")
                + "&algorithm=SHA1&digits=6&period=30";
    }

    /** The URI as a QR code in SVG, one square path, to be shown inline (no image request, no external service). */
    static String qrSvg(String text) {
        BitMatrix m;
        try {
            m = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + m.getWidth() + " " + m.getHeight()
                + "\" width=\"220\" height=\"220\" role=\"img\" aria-label=\"QR code for your authenticator app\""
                + " shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\""
                + path + "\" fill=\"#000\"/></svg>";
    }

    private static SecretKeySpec key(String secret) {
        return new SecretKeySpec(new Base32().decode(secret), "HmacSHA1");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
