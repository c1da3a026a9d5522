package io.iotconsole.sim;

/** Valid ICCIDs for tests of other modules. */
public final class SimInventoryTestSupport {
    private SimInventoryTestSupport() {}

    public static String iccid() {
        return SimInventoryTests.iccid(19);
    }
}
