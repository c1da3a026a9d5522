package io.iotconsole.security;

import static io.iotconsole.security.Permission.*;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The OAuth2 scopes of the Management API and the permissions each covers: the one place where scopes meet the
 * permission table. A token narrowed to some scopes holds a permission only when its role holds it and one of its
 * scopes covers it. Every permission but {@code api.access} (which any token needs) lies in exactly one scope.
 */
public enum ApiScope {
    SIM_READ("sim:read", "See and export SIMs", SIM_VIEW, SIM_EXPORT),
    SIM_WRITE(
            "sim:write",
            "SIM actions and SIM groups",
            SIM_STATE,
            SIM_IMEI_LOCK,
            SIM_RESET_CONNECTIVITY,
            SIM_SMS,
            SIM_MONTHLY_LIMIT,
            SIM_TOP_UP,
            GROUP_MANAGE),
    CUSTOMER_READ("customer:read", "Look up customers, their locations and devices", CUSTOMER_VIEW),
    CUSTOMER_WRITE("customer:write", "Manage customers and upload devices", CUSTOMER_MANAGE, CUSTOMER_REMOTE_ASSIST),
    TRANSFER("transfer", "Transfer SIMs to and from sub-organisations", ORGANISATION_SIM_TRANSFER),
    ORDER("order", "See and place SIM orders, download invoices", ORDER_VIEW, ORDER_CREATE, ORDER_INVOICE),
    ORGANIZATION_READ("organization:read", "See the organisation and its sub-organisations", ORGANISATION_VIEW),
    ORGANIZATION_WRITE(
            "organization:write",
            "Create and delete sub-organisations, edit company data",
            ORGANISATION_CREATE,
            ORGANISATION_DELETE,
            ACCOUNT_COMPANY),
    ACCOUNT(
            "account",
            "The account page, the dashboard, one's own profile",
            ACCOUNT_VIEW,
            USER_SELF,
            DASHBOARD_VIEW,
            DASHBOARD_LATEST_ORDER),
    USER_READ("user:read", "See the organisation's users", USER_VIEW),
    USER_WRITE(
            "user:write",
            "Create, edit, deactivate and delete users",
            USER_MANAGE_OWNER,
            USER_MANAGE_ADMIN,
            USER_MANAGE_STANDARD,
            USER_MANAGE_GROUP_USER,
            USER_MANAGE_READ_ONLY,
            USER_MANAGE_THIRD_PARTY,
            USER_MANAGE_API_USER),
    AUDIT_READ("audit:read", "See the audit log", AUDIT_VIEW);

    private final String code;
    private final String description;
    private final Set<Permission> permissions;

    ApiScope(String code, String description, Permission first, Permission... rest) {
        this.code = code;
        this.description = description;
        this.permissions = EnumSet.of(first, rest);
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** Whether the role holds any of the scope's permissions (in full or for its groups). */
    public boolean heldBy(Role role) {
        return permissions.stream().anyMatch(p -> p.grantFor(role) != Grant.NO);
    }

    /** Every scope the role holds, in the order above. */
    public static Set<ApiScope> heldBy(Role role, Collection<ApiScope> among) {
        Set<ApiScope> held = EnumSet.noneOf(ApiScope.class);
        among.stream().filter(s -> s.heldBy(role)).forEach(held::add);
        return held;
    }

    public static Set<ApiScope> allHeldBy(Role role) {
        return heldBy(role, List.of(values()));
    }

    /** Whether any of the scopes covers the permission; {@code api.access} is covered by any token. */
    public static boolean covers(Set<ApiScope> scopes, Permission permission) {
        return permission == API_ACCESS || scopes.stream().anyMatch(s -> s.permissions.contains(permission));
    }

    /** The scopes that would cover any of the permissions, as a scope string for a refusal. */
    public static String covering(Permission... permissions) {
        return Arrays.stream(values())
                .filter(s -> Arrays.stream(permissions).anyMatch(s.permissions::contains))
                .map(ApiScope::code)
                .collect(Collectors.joining(" "));
    }

    public static Optional<ApiScope> byCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }

    /** The codes of the scopes, space-separated in the order above, as OAuth2 writes a scope. */
    public static String format(Collection<ApiScope> scopes) {
        return Arrays.stream(values())
                .filter(scopes::contains)
                .map(ApiScope::code)
                .collect(Collectors.joining(" "));
    }

    /** Stored codes back to scopes; codes no longer known are dropped. */
    public static Set<ApiScope> fromCodes(Collection<String> codes) {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        codes.forEach(c -> byCode(c).ifPresent(scopes::add));
        return scopes;
    }

    public static String[] codes(Collection<ApiScope> scopes) {
        return Arrays.stream(values())
                .filter(scopes::contains)
                .map(ApiScope::code)
                .toArray(String[]::new);
    }
}
