package io.iotconsole.security;

import static io.iotconsole.security.Role.ADMIN;
import static io.iotconsole.security.Role.API_USER;
import static io.iotconsole.security.Role.GROUP_USER;
import static io.iotconsole.security.Role.OWNER;
import static io.iotconsole.security.Role.READ_ONLY;
import static io.iotconsole.security.Role.STANDARD;
import static io.iotconsole.security.Role.THIRD_PARTY;

import java.util.EnumSet;
import java.util.Set;

/**
 * The product's permissions and, for each, the roles that hold it. This enum is the permission policy: the Roles
 * page is drawn from it and a test holds it against the specification's table cell by cell. The platform operator
 * holds every permission, in every organisation.
 */
public enum Permission {
    DASHBOARD_VIEW(
            "dashboard.view",
            "Dashboard",
            "See the dashboard",
            allow(OWNER, ADMIN, STANDARD, GROUP_USER, READ_ONLY, THIRD_PARTY)),
    DASHBOARD_LATEST_ORDER(
            "dashboard.latest_order",
            "Dashboard",
            "See the latest-order widget",
            allow(OWNER, ADMIN, STANDARD, READ_ONLY)),
    SIM_VIEW(
            "sim.view",
            "SIMs",
            "See SIMs and their details",
            allow(OWNER, ADMIN, STANDARD, READ_ONLY, THIRD_PARTY, API_USER),
            GROUP_USER),
    SIM_STATE(
            "sim.state",
            "SIMs",
            "Change a SIM's state (activate / deactivate)",
            allow(OWNER, ADMIN, STANDARD, API_USER),
            GROUP_USER),
    SIM_IMEI_LOCK(
            "sim.imei_lock",
            "SIMs",
            "Set or clear a SIM's IMEI lock",
            allow(OWNER, ADMIN, STANDARD, API_USER),
            GROUP_USER),
    SIM_RESET_CONNECTIVITY(
            "sim.reset_connectivity",
            "SIMs",
            "Reset a SIM's network connectivity",
            allow(OWNER, ADMIN, STANDARD, THIRD_PARTY, API_USER),
            GROUP_USER),
    SIM_EXPORT(
            "sim.export",
            "SIMs",
            "Export the SIM list as CSV",
            allow(OWNER, ADMIN, STANDARD, THIRD_PARTY, API_USER),
            GROUP_USER),
    SIM_SMS(
            "sim.sms",
            "SIMs",
            "Send an SMS to a SIM",
            allow(OWNER, ADMIN, STANDARD, THIRD_PARTY, API_USER),
            GROUP_USER),
    SIM_MONTHLY_LIMIT(
            "sim.monthly_limit",
            "SIMs",
            "Set a SIM's monthly data limit",
            allow(OWNER, ADMIN, STANDARD, THIRD_PARTY, API_USER),
            GROUP_USER),
    SIM_TOP_UP("sim.top_up", "SIMs", "Top up a SIM and set auto top-up", allow(OWNER, ADMIN, API_USER)),
    GROUP_MANAGE(
            "group.manage",
            "SIMs",
            "Create / rename / delete SIM groups and move SIMs between them",
            allow(OWNER, ADMIN, STANDARD, API_USER)),
    ORDER_VIEW("order.view", "Orders", "See SIM orders", allow(OWNER, ADMIN, STANDARD, READ_ONLY, API_USER)),
    ORDER_CREATE(
            "order.create",
            "Orders",
            "Place a new SIM order (also the dashboard's reorder button)",
            allow(OWNER, ADMIN, API_USER)),
    ORDER_INVOICE("order.invoice", "Orders", "Download invoices", allow(OWNER, ADMIN, STANDARD, READ_ONLY, API_USER)),
    ACCOUNT_VIEW(
            "account.view",
            "Account",
            "See the organisation's account page and own user data",
            allow(OWNER, ADMIN, STANDARD, GROUP_USER, READ_ONLY, THIRD_PARTY)),
    ACCOUNT_COMPANY(
            "account.company", "Account", "Edit company data and billing / shipping address", allow(OWNER, ADMIN)),
    USER_VIEW(
            "user.view",
            "Users",
            "See the organisation's users",
            allow(OWNER, ADMIN, STANDARD, READ_ONLY, THIRD_PARTY)),
    USER_SELF(
            "user.self",
            "Users",
            "Edit own name / phone / password",
            allow(OWNER, ADMIN, STANDARD, GROUP_USER, READ_ONLY, THIRD_PARTY)),
    USER_MANAGE_OWNER(
            "user.manage.owner",
            "Users",
            "Create users with the Owner role (editing / deactivating / deleting an Owner is the platform operator's alone)",
            allow(OWNER)),
    USER_MANAGE_ADMIN("user.manage.admin", "Users", "Create / edit / deactivate / delete Admin users", allow(OWNER)),
    USER_MANAGE_STANDARD(
            "user.manage.standard", "Users", "Create / edit / deactivate / delete Standard users", allow(OWNER, ADMIN)),
    USER_MANAGE_GROUP_USER(
            "user.manage.group_user",
            "Users",
            "Create / edit / deactivate / delete Group users and assign their groups",
            allow(OWNER, ADMIN)),
    USER_MANAGE_READ_ONLY(
            "user.manage.read_only",
            "Users",
            "Create / edit / deactivate / delete Read-only users",
            allow(OWNER, ADMIN)),
    USER_MANAGE_THIRD_PARTY(
            "user.manage.third_party",
            "Users",
            "Create / edit / deactivate / delete Third-party users",
            allow(OWNER, ADMIN)),
    USER_MANAGE_API_USER(
            "user.manage.api_user", "Users", "Create / edit / deactivate / delete API users", allow(OWNER, ADMIN)),
    ORGANISATION_VIEW(
            "organisation.view",
            "Organisation",
            "See the organisation and its sub-organisations (name / status / owner / SIM count)",
            allow(OWNER, ADMIN, STANDARD, READ_ONLY, THIRD_PARTY, API_USER)),
    ORGANISATION_CREATE("organisation.create", "Organisation", "Create a sub-organisation", allow(OWNER, ADMIN)),
    ORGANISATION_DELETE("organisation.delete", "Organisation", "Delete a sub-organisation", allow(OWNER, ADMIN)),
    ORGANISATION_SIM_TRANSFER(
            "organisation.sim_transfer",
            "Organisation",
            "Transfer SIMs between the organisation and its sub-organisations",
            allow(OWNER, ADMIN, API_USER)),
    CUSTOMER_VIEW(
            "customer.view",
            "Customers",
            "Look up customers and see their locations and devices",
            allow(OWNER, ADMIN, STANDARD, READ_ONLY, API_USER)),
    CUSTOMER_MANAGE(
            "customer.manage",
            "Customers",
            "Create / edit customers / reset their passwords / disable or enable them / upload devices",
            allow(OWNER, ADMIN, STANDARD, API_USER)),
    CUSTOMER_REMOTE_ASSIST(
            "customer.remote_assist",
            "Customers",
            "Remote assistance: open the customer's own dashboard signed in as the customer",
            allow(OWNER, ADMIN)),
    AUDIT_VIEW("audit.view", "Audit", "See the organisation's audit log", allow(OWNER, ADMIN)),
    API_ACCESS("api.access", "API", "Call the Management API", allow(OWNER, API_USER));

    private final String code;
    private final String area;
    private final String description;
    private final Set<Role> allowed;
    private final Set<Role> groupScoped;

    Permission(String code, String area, String description, Set<Role> allowed, Role... groupScoped) {
        this.code = code;
        this.area = area;
        this.description = description;
        this.allowed = allowed;
        this.groupScoped =
                groupScoped.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(groupScoped[0], groupScoped);
    }

    private static Set<Role> allow(Role first, Role... rest) {
        return EnumSet.of(first, rest);
    }

    public String code() {
        return code;
    }

    public String area() {
        return area;
    }

    public String description() {
        return description;
    }

    /** Why a role is refused this permission, in the words of the permission table. */
    public String refusal(Role role) {
        return "Not allowed for the " + role.label() + " role: " + description + " (" + code + ").";
    }

    /** The cell of the table for this role. */
    public Grant grantFor(Role role) {
        if (role == Role.OPERATOR || allowed.contains(role)) {
            return Grant.YES;
        }
        return groupScoped.contains(role) ? Grant.GROUP : Grant.NO;
    }

    public static Permission byCode(String code) {
        for (Permission p : values()) {
            if (p.code.equals(code)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown permission " + code);
    }

    /** The permission that lets a user create (and, but for Owners, edit / deactivate / delete) users of a role. */
    public static Permission toManage(Role role) {
        return switch (role) {
            case OWNER -> USER_MANAGE_OWNER;
            case ADMIN -> USER_MANAGE_ADMIN;
            case STANDARD -> USER_MANAGE_STANDARD;
            case GROUP_USER -> USER_MANAGE_GROUP_USER;
            case READ_ONLY -> USER_MANAGE_READ_ONLY;
            case THIRD_PARTY -> USER_MANAGE_THIRD_PARTY;
            case API_USER -> USER_MANAGE_API_USER;
            case OPERATOR -> throw new IllegalArgumentException("The platform operator is not managed in the console");
        };
    }
}
