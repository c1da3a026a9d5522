package io.iotconsole.customer;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Permission;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.shared.NotFoundException;
import io.iotconsole.shared.TextFields;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each organisation's white-label customer app: its address {@code /app/<short name>}, name, brand colour and logo.
 * Owners and Admins (account.company, the permission for the organisation's own presentation) set their
 * organisation's; the platform operator any organisation's.
 */
@Service
public class CustomerAppSettings {
    static final int MAX_LOGO_BYTES = 200 * 1024;
    static final int MAX_LOGO_SIDE = 4096;
    static final String SLUG_RULE = "Use 3 to 40 lowercase letters, digits and hyphens, starting with a letter and"
            + " not ending with a hyphen";
    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{1,38}[a-z0-9]");
    private static final Pattern PLAUSIBLE_ADDRESS = Pattern.compile("[a-z0-9-]{1,40}");
    private static final Pattern COLOR = Pattern.compile("#?([0-9a-f]{6})");
    /** Words the app's own addresses use, and a few that would mislead. */
    private static final Set<String> RESERVED = Set.of(
            "api",
            "app",
            "login",
            "logout",
            "password",
            "set-password",
            "forgot-password",
            "assistance",
            "logo",
            "css",
            "js",
            "static",
            "admin",
            "console",
            "operator");

    private final CustomerAppRepository repository;
    private final AccessPolicy access;
    private final AuditLog audit;

    CustomerAppSettings(CustomerAppRepository repository, AccessPolicy access, AuditLog audit) {
        this.repository = repository;
        this.access = access;
        this.audit = audit;
    }

    /** The app at an address (a short name or an account number, in any case); empty for one no app has. */
    @Transactional(readOnly = true)
    public Optional<AppBrand> atAddress(@Nullable String address) {
        String key = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        if (!PLAUSIBLE_ADDRESS.matcher(key).matches()) {
            return Optional.empty();
        }
        return repository.findByAddress(key);
    }

    /** The app of an organisation the product already holds (a signed-in customer's, a mail's). */
    @Transactional(readOnly = true)
    public AppBrand of(UUID organizationId) {
        return repository
                .find(TenantScope.internal(organizationId), organizationId)
                .orElseThrow(() -> new NotFoundException("Organisation"));
    }

    /**
     * Whose app the settings page is about: the organisation requested (the operator may name any, everyone else
     * only their own: 404), or the caller's own; null for the operator who named none.
     */
    public @Nullable UUID organizationFor(@Nullable UUID requested) {
        return access.scope(Permission.ACCOUNT_COMPANY, requested).organizationIdOrNull();
    }

    /** The settings page: the caller's organisation, or the one the operator names (404 for another's). */
    @Transactional(readOnly = true)
    public AppBrand settings(UUID organizationId) {
        TenantScope scope = access.scope(Permission.ACCOUNT_COMPANY, organizationId);
        return repository.find(scope, organizationId).orElseThrow(() -> new NotFoundException("Organisation"));
    }

    /** The form as typed. */
    public record Form(
            @Nullable String slug,
            @Nullable String name,
            @Nullable String color) {}

    /**
     * Saves the address, name and colour: every problem is named by its field and nothing is written unless all are
     * right. An empty field (or the account number as the address) goes back to the default.
     */
    @Transactional
    public AppBrand save(UUID organizationId, Form form) {
        TenantScope scope = access.scope(Permission.ACCOUNT_COMPANY, organizationId);
        AppBrand before =
                repository.find(scope, organizationId).orElseThrow(() -> new NotFoundException("Organisation"));
        List<FieldProblem> problems = new ArrayList<>();
        String slug = slug(form.slug(), before.accountNumber(), problems);
        String name = name(form.name(), problems);
        String color = color(form.color(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        try {
            repository.save(scope, organizationId, slug, name, color);
        } catch (DuplicateKeyException e) {
            throw InvalidInputException.of("slug", "This address is taken; choose another");
        }
        AppBrand after = repository.find(scope, organizationId).orElseThrow();
        audit.record(AuditRecord.success(
                        organizationId,
                        "CUSTOMER_APP_CHANGED",
                        "ORGANISATION",
                        organizationId,
                        after.organizationName())
                .withDetail("address /app/" + after.slug() + ", name " + after.name() + ", colour " + after.color()));
        return after;
    }

    private static @Nullable String slug(@Nullable String typed, String accountNumber, List<FieldProblem> problems) {
        String slug = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (slug.isEmpty() || slug.equals(accountNumber)) {
            return null;
        }
        if (!SLUG.matcher(slug).matches()) {
            problems.add(new FieldProblem("slug", SLUG_RULE));
        } else if (RESERVED.contains(slug)) {
            problems.add(new FieldProblem("slug", "'" + slug + "' is reserved by the app itself; choose another"));
        }
        return slug;
    }

    private static @Nullable String name(@Nullable String typed, List<FieldProblem> problems) {
        String name = typed == null ? "" : typed.strip();
        if (name.isEmpty()) {
            return null;
        }
        String problem = TextFields.problem(name, 60, false);
        if (problem != null) {
            problems.add(new FieldProblem("name", problem));
        }
        return name;
    }

    private static @Nullable String color(@Nullable String typed, List<FieldProblem> problems) {
        String color = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (color.isEmpty()) {
            return null;
        }
        var m = COLOR.matcher(color);
        if (!m.matches()) {
            problems.add(new FieldProblem("color", "Give the colour as six hexadecimal digits, e.g. #1d4ed8"));
            return null;
        }
        return "#" + m.group(1);
    }

    /**
     * A new logo: a PNG or JPEG (judged by its content, not by its name or the type the browser claims) of at most
     * 200 KB and 4096 pixels a side. SVG and everything else is refused: an image the app serves must never run.
     */
    @Transactional
    public AppBrand saveLogo(UUID organizationId, long size, byte @Nullable [] bytes) {
        TenantScope scope = access.scope(Permission.ACCOUNT_COMPANY, organizationId);
        AppBrand before =
                repository.find(scope, organizationId).orElseThrow(() -> new NotFoundException("Organisation"));
        if (bytes == null || size == 0) {
            throw InvalidInputException.of("logo", "Choose a PNG or JPEG file");
        }
        if (size > MAX_LOGO_BYTES || bytes.length > MAX_LOGO_BYTES) {
            throw InvalidInputException.of(
                    "logo", "The logo may be at most 200 KB; this file has " + (size + 1023) / 1024 + " KB");
        }
        String type = imageType(bytes);
        if (type == null) {
            throw InvalidInputException.of(
                    "logo",
                    "Upload a PNG or JPEG image of at most 4096 pixels a side; other files (SVG too) are refused");
        }
        repository.saveLogo(scope, organizationId, bytes, type);
        audit.record(AuditRecord.success(
                        organizationId,
                        "CUSTOMER_APP_LOGO_CHANGED",
                        "ORGANISATION",
                        organizationId,
                        before.organizationName())
                .withDetail(type + ", " + bytes.length + " bytes"));
        return repository.find(scope, organizationId).orElseThrow();
    }

    @Transactional
    public void removeLogo(UUID organizationId) {
        TenantScope scope = access.scope(Permission.ACCOUNT_COMPANY, organizationId);
        AppBrand before =
                repository.find(scope, organizationId).orElseThrow(() -> new NotFoundException("Organisation"));
        repository.removeLogo(scope, organizationId);
        audit.record(AuditRecord.success(
                organizationId,
                "CUSTOMER_APP_LOGO_REMOVED",
                "ORGANISATION",
                organizationId,
                before.organizationName()));
    }

    /** The logo of the app at an address, for anyone (the sign-in page shows it). */
    @Transactional(readOnly = true)
    public Optional<CustomerAppRepository.Logo> logo(String address) {
        return atAddress(address)
                .flatMap(app -> repository.logo(TenantScope.internal(app.organizationId()), app.organizationId()));
    }

    /** "image/png" or "image/jpeg" when the bytes are one whose header reads, of a sensible size; null otherwise. */
    static @Nullable String imageType(byte[] bytes) {
        boolean png = bytes.length > 8
                && (bytes[0] & 0xff) == 0x89
                && bytes[1] == 'P'
                && bytes[2] == 'N'
                && bytes[3] == 'G'
                && bytes[4] == 0x0d
                && bytes[5] == 0x0a
                && bytes[6] == 0x1a
                && bytes[7] == 0x0a;
        boolean jpeg =
                bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff;
        if (!png && !jpeg) {
            return null;
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(png ? "png" : "jpeg");
            if (in == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1 || width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE) {
                    return null;
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return png ? "image/png" : "image/jpeg";
    }
}
