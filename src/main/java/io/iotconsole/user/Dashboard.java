package io.iotconsole.user;

/** The dashboards a user may be allowed to open (the "dashboard permissions" of the user form). */
public enum Dashboard {
    SIM_OVERVIEW("SIM overview"),
    DATA_USAGE("Data usage"),
    ORDERS("Orders");

    private final String label;

    Dashboard(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
