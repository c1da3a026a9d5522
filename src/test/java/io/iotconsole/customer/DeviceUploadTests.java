package io.iotconsole.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.sim.SimInventoryTestSupport;
import io.iotconsole.support.Api;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Bulk device upload: the whole file checked first, every problem by row and column, nothing half-written. */
@IntegrationTest
class DeviceUploadTests {
    static final String HEADER = "location_name,location_address,device_name,serial_number,model,iccid\n";

    @Autowired
    TestData data;

    static Api.Response upload(Api api, String customer, boolean dryRun, String csv) {
        return api.raw("POST", "/api/v1/customers/" + customer + "/devices/import?dryRun=" + dryRun, "text/csv", csv);
    }

    static Map<String, String> problems(JsonNode json) {
        JsonNode list = json.has("problems") ? json.get("problems") : json.get("errors");
        Map<String, String> byCell = new LinkedHashMap<>();
        for (JsonNode p : list) {
            byCell.merge(
                    p.get("row").asInt() + ":" + p.get("column").asString(),
                    p.get("message").asString(),
                    (a, b) -> a + " | " + b);
        }
        return byCell;
    }

    static long devices(Api api, String customer) {
        return api.get("/api/v1/customers/" + customer + "/devices")
                .expect(200)
                .json()
                .get("total")
                .asLong();
    }

    @Test
    void everyProblemIsListedByRowAndColumnAndNothingIsWritten() {
        var org = data.organization("Upload Co");
        var other = data.organization("Upload Other");
        List<String> sims = SimInventoryTestSupport.stock(data, org.id(), 3, 19);
        String foreignSim =
                SimInventoryTestSupport.stock(data, other.id(), 1, 19).get(0);
        String customer = CustomerTests.create(org.owner(), "Dev", "Ice", TestData.email("dev"), null)
                .get("id")
                .asString();
        String template = org.owner()
                .get("/api/v1/customers/devices-template.csv")
                .expect(200)
                .body();
        assertThat(template).isEqualTo(HEADER);

        upload(org.owner(), customer, false, HEADER + "Home,1 Road,Boiler,SN-1,B1," + sims.get(0) + "\n")
                .expect(200);
        String file = HEADER
                + "Home,1 Road,Meter,SN-2,M1," + sims.get(1) + "\n" // 2: fine
                + ",,Thermostat,,T1,\n" // 3: location and serial missing
                + "Home,,Meter 2,SN-2,M1,\n" // 4: serial repeats row 2
                + "Home,,Boiler 2,SN-1,B1,\n" // 5: serial already exists
                + "Home,,Gauge,SN-5,G1," + foreignSim + "\n" // 6: not the organisation's SIM
                + "Home,,Gauge 2,SN-6,G1," + sims.get(0) + "\n" // 7: SIM already in a device
                + "Home,,Gauge 3,SN-7,G1," + sims.get(1) + "\n" // 8: ICCID repeats row 2
                + "Home,,Gauge 4,SN-8,G1,12ab\n" // 9: not an ICCID
                + "Home,too,many,columns,here,x,y\n"; // 10
        var refused = upload(org.owner(), customer, false, file).expect(400);
        Map<String, String> p = problems(refused.json());
        assertThat(p.keySet())
                .containsExactlyInAnyOrder(
                        "3:location_name",
                        "3:serial_number",
                        "4:serial_number",
                        "5:serial_number",
                        "6:iccid",
                        "7:iccid",
                        "8:iccid",
                        "9:iccid",
                        "10:location_name");
        assertThat(p.get("4:serial_number")).contains("row 2");
        assertThat(p.get("5:serial_number")).contains("already exists");
        assertThat(p.get("6:iccid")).contains("No SIM of the organisation");
        assertThat(p.get("7:iccid")).contains("already in a device");
        assertThat(p.get("8:iccid")).contains("row 2");
        assertThat(p.get("10:location_name")).contains("Expected 6 columns");
        assertThat(devices(org.owner(), customer)).as("nothing written").isEqualTo(1);

        var dry = upload(org.owner(), customer, true, file).expect(200).json();
        assertThat(dry.get("valid").asBoolean()).isFalse();
        assertThat(problems(dry)).hasSize(9);

        var good = upload(
                        org.owner(),
                        customer,
                        false,
                        HEADER + "Home,,Meter,SN-2,M1," + sims.get(1) + "\n\"Garage, back\",\"2 Lane\",Door,SN-3,,\n")
                .expect(200)
                .json();
        assertThat(good.get("written").asInt()).isEqualTo(2);
        var details =
                org.owner().get("/api/v1/customers/" + customer).expect(200).json();
        assertThat(details.get("locations").toString()).contains("Garage, back", "2 Lane");
        assertThat(details.get("devices").get("total").asInt()).isEqualTo(3);

        other.owner()
                .raw("POST", "/api/v1/customers/" + customer + "/devices/import", "text/csv", HEADER)
                .expect(404);
    }

    @Test
    void malformedFilesAreRefusedWithTheirRow() {
        var org = data.organization("Malformed Co");
        String customer = CustomerTests.create(org.owner(), "Mal", "Formed", TestData.email("mal"), null)
                .get("id")
                .asString();
        assertThat(problems(upload(org.owner(), customer, false, "").expect(400).json())
                        .values()
                        .toString())
                .contains("no devices");
        assertThat(problems(upload(org.owner(), customer, false, "name,serial\nA,1\n")
                        .expect(400)
                        .json()))
                .containsKey("1:location_name");
        assertThat(problems(upload(org.owner(), customer, false, HEADER + "Home,,\"Broken,SN-1,,\n")
                                .expect(400)
                                .json())
                        .values()
                        .toString())
                .contains("Malformed CSV");
        var latin1 = org.owner()
                .raw(
                        "POST",
                        "/api/v1/customers/" + customer + "/devices/import",
                        "text/csv",
                        (HEADER + "Caf\u00e9,,Door,SN-1,,\n").getBytes(StandardCharsets.ISO_8859_1))
                .expect(400);
        assertThat(problems(latin1.json()).values().toString()).contains("not UTF-8");
        assertThat(devices(org.owner(), customer)).isZero();
    }
}
