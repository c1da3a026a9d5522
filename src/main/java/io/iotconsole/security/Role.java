package io.iotconsole.security;

/** The fixed roles ("access levels") of the product, plus the platform operator who runs the installation. */
public enum Role {
    OWNER("Owner"),
    ADMIN("Admin"),
    STANDARD("Standard"),
    GROUP_USER("Group user"),
    READ_ONLY("Read-only"),
    THIRD_PARTY("Third-party"),
    API_USER("API user"),
    /** Not a role of an organisation: the installation's operator, above every organisation. */
    OPERATOR("Platform operator");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The roles an organisation's users can have, in the order of the permission table. */
    public static Role[] organizationRoles() {
        return new Role[] {OWNER, ADMIN, STANDARD, GROUP_USER, READ_ONLY, THIRD_PARTY, API_USER};
    }
}
