package io.iotconsole.webhook;

import io.iotconsole.audit.AuditRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The one map from audit actions to webhook event types, and what each event's {@code data} holds. */
public final class WebhookEvents {
    /** An event type with what the console says of it, in the order the checkboxes show them. */
    public record Type(String name, String area, String description) {}

    public static final List<Type> TYPES = List.of(
            new Type("user.invited", "Users", "A user was invited (or invited again)"),
            new Type("user.activated", "Users", "An invited user set their password"),
            new Type("user.deactivated", "Users", "A user was deactivated"),
            new Type("user.deleted", "Users", "A user was deleted"),
            new Type("customer.created", "Customers", "A customer was created"),
            new Type("customer.disabled", "Customers", "A customer was disabled"),
            new Type("customer.enabled", "Customers", "A customer was enabled"),
            new Type("customer.password_reset", "Customers", "A customer's password was set anew"),
            new Type("customer.password_reset_requested", "Customers", "A customer asked for a password reset link"),
            new Type("customer.remote_assistance_started", "Customers", "Remote assistance started"),
            new Type("customer.remote_assistance_ended", "Customers", "Remote assistance ended"),
            new Type("sim.state_changed", "SIMs", "A SIM's state changed"),
            new Type("sim.transferred", "SIMs", "SIMs were transferred to or from a sub-organisation"),
            new Type("device_upload.finished", "Device uploads", "A device upload finished"),
            new Type("order.placed", "Orders", "A SIM order was placed"),
            new Type("order.completed", "Orders", "A SIM order was fulfilled"));

    /** The audit actions that are announced, and as what. */
    private static final Map<String, String> BY_ACTION = Map.ofEntries(
            Map.entry("USER_CREATED", "user.invited"),
            Map.entry("USER_REINVITED", "user.invited"),
            Map.entry("USER_ACTIVATED", "user.activated"),
            Map.entry("USER_DEACTIVATED", "user.deactivated"),
            Map.entry("USER_DELETED", "user.deleted"),
            Map.entry("CUSTOMER_CREATED", "customer.created"),
            Map.entry("CUSTOMER_DISABLED", "customer.disabled"),
            Map.entry("CUSTOMER_ENABLED", "customer.enabled"),
            Map.entry("CUSTOMER_PASSWORD_SET", "customer.password_reset"),
            Map.entry("CUSTOMER_PASSWORD_RESET_REQUESTED", "customer.password_reset_requested"),
            Map.entry("REMOTE_ASSISTANCE_STARTED", "customer.remote_assistance_started"),
            Map.entry("REMOTE_ASSISTANCE_ENDED", "customer.remote_assistance_ended"),
            Map.entry("SIM_STATE_CHANGED", "sim.state_changed"),
            Map.entry("SIMS_TRANSFERRED_OUT", "sim.transferred"),
            Map.entry("SIMS_TRANSFERRED_IN", "sim.transferred"),
            Map.entry("DEVICES_UPLOADED", "device_upload.finished"),
            Map.entry("ORDER_PLACED", "order.placed"),
            Map.entry("ORDER_FULFILLED", "order.completed"));

    /** The test event a ping sends; no change announces it and no endpoint chooses it. */
    public static final String PING = "webhook.ping";

    private static final Pattern TRANSFER =
            Pattern.compile("^(\\d+) SIMs from .* in (\\d+) ranges?: (.*)$", Pattern.DOTALL);
    private static final Pattern STATE = Pattern.compile("^(\\w+) to (\\w+)$");

    private WebhookEvents() {}

    public static boolean known(String type) {
        return TYPES.stream().anyMatch(t -> t.name().equals(type));
    }

    /** The event type a successful audit entry is announced as, if it is one. */
    static Optional<String> typeOf(AuditRecord record) {
        return Optional.ofNullable(BY_ACTION.get(record.action()));
    }

    /** The event's {@code data}: the organisation, the object, and the fields the entry names. */
    static Map<String, Object> data(String type, AuditRecord r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organizationId", String.valueOf(r.organizationId()));
        switch (type) {
            case "sim.transferred" -> {
                boolean out = r.action().endsWith("_OUT");
                data.put("direction", out ? "out" : "in");
                data.put(out ? "toOrganizationId" : "fromOrganizationId", r.targetId());
                data.put(out ? "toOrganizationName" : "fromOrganizationName", r.targetLabel());
                Matcher m = TRANSFER.matcher(nonNull(r.detail()));
                if (m.matches()) {
                    data.put("count", Long.parseLong(m.group(1)));
                    data.put("rangeCount", Integer.parseInt(m.group(2)));
                    data.put(
                            "ranges",
                            List.of(m.group(3).split(", ")).stream()
                                    .filter(s -> !s.equals("..."))
                                    .map(WebhookEvents::range)
                                    .toList());
                }
            }
            case "sim.state_changed" -> {
                data.put("iccid", r.targetId());
                Matcher m = STATE.matcher(nonNull(r.detail()));
                if (m.matches()) {
                    data.put("previousState", m.group(1));
                    data.put("state", m.group(2));
                }
            }
            default -> {
                data.put(objectKey(r.targetType()), r.targetId());
                if (r.targetLabel() != null) {
                    data.put("label", r.targetLabel());
                }
                if (r.detail() != null) {
                    data.put("detail", r.detail());
                }
            }
        }
        if (r.actorLabel() != null) {
            data.put("actor", r.actorLabel());
        }
        return data;
    }

    private static Map<String, String> range(String text) {
        int dash = text.indexOf('-');
        return dash < 0
                ? Map.of("first", text, "last", text)
                : Map.of("first", text.substring(0, dash), "last", text.substring(dash + 1));
    }

    private static String objectKey(@Nullable String targetType) {
        return switch (targetType == null ? "" : targetType) {
            case "USER" -> "userId";
            case "CUSTOMER" -> "customerId";
            case "ORDER" -> "orderId";
            case "SIM" -> "iccid";
            default -> "id";
        };
    }

    private static String nonNull(@Nullable String s) {
        return s == null ? "" : s;
    }
}
