package io.iotconsole.security;

/** One cell of the permission table. */
public enum Grant {
    /** Allowed. */
    YES("Y"),
    /** Not allowed. */
    NO("N"),
    /** Allowed only for the SIMs in the groups assigned to the Group user. */
    GROUP("G");

    private final String code;

    Grant(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean allows() {
        return this != NO;
    }
}
