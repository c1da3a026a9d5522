package io.iotconsole.sim;

import io.iotconsole.support.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Valid ICCIDs and imported stock for tests of other modules. */
public final class SimInventoryTestSupport {
    private SimInventoryTestSupport() {}

    public static String iccid() {
        return SimInventoryTests.iccid(19);
    }

    /** Imports {@code n} SIMs of ascending ICCIDs of the given length (19 or 20) into the organisation. */
    public static List<String> stock(TestData data, UUID org, int n, int length) {
        List<String> iccids = new ArrayList<>();
        StringBuilder csv = new StringBuilder("iccid,imsi,msisdn\n");
        for (int i = 0; i < n; i++) {
            String iccid = SimInventoryTests.iccid(length);
            iccids.add(iccid);
            csv.append(iccid)
                    .append(",23415")
                    .append(iccid, 9, 19)
                    .append(",447")
                    .append(iccid, 10, 19)
                    .append('\n');
        }
        data.operator()
                .raw("POST", "/api/v1/organizations/" + org + "/sims/import", "text/csv", csv.toString())
                .expect(200);
        return iccids;
    }
}
