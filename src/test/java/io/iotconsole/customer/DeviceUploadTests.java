package io.iotconsole.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotconsole.sim.SimInventoryTestSupport;
import io.iotconsole.support.Api;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    /**
     * A file whose only problems are serial numbers or ICCIDs repeated or already taken passes every check made before
     * writing (the unique indexes make those): the writing hits them, leaves nothing, not even a new location, and the
     * refusal still names each row.
     */
    @Test
    void problemsFoundWhileWritingAreListedAndLeaveNothing() {
        var org = data.organization("Unique Co");
        List<String> sims = SimInventoryTestSupport.stock(data, org.id(), 2, 19);
        String customer = CustomerTests.create(org.owner(), "Uni", "Que", TestData.email("unique"), null)
                .get("id")
                .asString();
        upload(org.owner(), customer, false, HEADER + "Home,,Boiler,SN-U1,B1," + sims.get(0) + "\n")
                .expect(200);

        Map<String, String> repeated =
                problems(upload(org.owner(), customer, false, HEADER + "Shed,,Mower,SN-U2,,\nBarn,,Pump,SN-U2,,\n")
                        .expect(400)
                        .json());
        assertThat(repeated).containsOnlyKeys("3:serial_number");
        assertThat(repeated.get("3:serial_number")).contains("row 2");

        Map<String, String> taken = problems(upload(
                        org.owner(),
                        customer,
                        false,
                        HEADER + "Shed,,Mower,SN-U3,,\nBarn,,Pump,SN-U1,,\nShed,,Gate,SN-U4,," + sims.get(0) + "\n")
                .expect(400)
                .json());
        assertThat(taken).containsOnlyKeys("3:serial_number", "4:iccid");
        assertThat(taken.get("3:serial_number")).contains("already exists");
        assertThat(taken.get("4:iccid")).contains("already in a device");

        Map<String, String> sameSim = problems(upload(
                        org.owner(),
                        customer,
                        false,
                        HEADER + "Shed,,Mower,SN-U5,," + sims.get(1) + "\nBarn,,Pump,SN-U6,," + sims.get(1) + "\n")
                .expect(400)
                .json());
        assertThat(sameSim).containsOnlyKeys("3:iccid");
        assertThat(sameSim.get("3:iccid")).contains("row 2");

        assertThat(devices(org.owner(), customer)).as("nothing written").isEqualTo(1);
        assertThat(data.jdbc()
                        .sql("SELECT name FROM customer_location WHERE customer_id = CAST(:c AS uuid)")
                        .param("c", customer)
                        .query(String.class)
                        .list())
                .containsExactly("Home");
        var good = upload(
                        org.owner(),
                        customer,
                        false,
                        HEADER + "Shed,,Mower,SN-U5,," + sims.get(1) + "\nhome,,Pump,SN-U6,,\nSHED,,Gate,SN-U7,,\n")
                .expect(200)
                .json();
        assertThat(good.get("written").asInt()).isEqualTo(3);
        assertThat(data.jdbc().sql("""
                                SELECT l.name FROM device d JOIN customer_location l ON l.id = d.location_id
                                WHERE d.customer_id = CAST(:c AS uuid) ORDER BY d.serial_number""").param("c", customer).query(String.class).list())
                .as("location names match whatever their case; a new one takes its first row's spelling")
                .containsExactly("Home", "Shed", "Home", "Shed");
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

    /** What a spreadsheet saves as "CSV UTF-8": a byte-order mark, CRLF, quotes where a cell needs them, empty rows. */
    @Test
    void aSpreadsheetsExportIsUploadedAsItsRows() {
        var org = data.organization("Sheet Co");
        String customer = CustomerTests.create(org.owner(), "Spread", "Sheet", TestData.email("sheet"), null)
                .get("id")
                .asString();
        String exported = "\uFEFF" + HEADER.strip() + "\r\n"
                + "\"Shop, front\",\"1 High St, Leeds\",\"Till \"\"A\"\"\",SN-S1,T1,\r\n"
                + "\r\n" // a blank row keeps its number, as in the spreadsheet
                + "Shop; back,,Fridge,SN-S2,,\r\n"
                + ",,,,,\r\n,,,,,\r\n";
        var good = upload(org.owner(), customer, false, exported).expect(200).json();
        assertThat(good.get("written").asInt()).isEqualTo(2);
        var details =
                org.owner().get("/api/v1/customers/" + customer).expect(200).json();
        assertThat(details.get("locations").toString()).contains("Shop, front", "1 High St, Leeds", "Shop; back");
        JdbcClient jdbc = data.jdbc();
        assertThat(jdbc.sql("SELECT name FROM device WHERE customer_id = CAST(:c AS uuid) AND serial_number = 'SN-S1'")
                        .param("c", customer)
                        .query(String.class)
                        .single())
                .isEqualTo("Till \"A\"");

        // rows are named as the spreadsheet shows them: a cell's line break is within its row, a blank row counts;
        // a line break in a name is refused as before (it would break the lists and exports)
        String withProblem = HEADER + "Shop,,\"Two\nlines\",SN-S3,,\n\nShop,,,SN-S4,,\n";
        assertThat(problems(upload(org.owner(), customer, false, withProblem)
                        .expect(400)
                        .json()))
                .containsOnlyKeys("2:device_name", "4:device_name");
    }

    /**
     * A device's customer and location are checked once per statement instead of once per row; the rules are those
     * of the foreign keys they replace: both must exist, a deleted location leaves its devices without one, a deleted
     * customer takes its devices along.
     */
    @Test
    void aDeviceNeedsItsCustomerAndLocation() {
        var org = data.organization("Parent Co");
        String customer = CustomerTests.create(org.owner(), "Par", "Ent", TestData.email("parent"), null)
                .get("id")
                .asString();
        upload(org.owner(), customer, false, HEADER + "Home,,Boiler,SN-P1,,\nShed,,Mower,SN-P2,,\n")
                .expect(200);
        JdbcClient jdbc = data.jdbc();
        String insert = """
                INSERT INTO device (organization_id, customer_id, location_id, name, serial_number)
                VALUES (:org, CAST(:customer AS uuid), CAST(:location AS uuid), 'Stray', :serial)""";
        assertThatThrownBy(() -> jdbc.sql(insert)
                        .param("org", org.id())
                        .param("customer", UUID.randomUUID().toString())
                        .param("location", null)
                        .param("serial", "SN-P3")
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("customer that does not exist");
        assertThatThrownBy(() -> jdbc.sql(insert)
                        .param("org", org.id())
                        .param("customer", customer)
                        .param("location", UUID.randomUUID().toString())
                        .param("serial", "SN-P3")
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("location that does not exist");

        jdbc.sql("DELETE FROM customer_location WHERE customer_id = CAST(:c AS uuid) AND name = 'Shed'")
                .param("c", customer)
                .update();
        assertThat(jdbc.sql(
                                "SELECT location_id IS NULL FROM device WHERE organization_id = :org AND serial_number = :s")
                        .param("org", org.id())
                        .param("s", "SN-P2")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        jdbc.sql("DELETE FROM customer WHERE id = CAST(:c AS uuid)")
                .param("c", customer)
                .update();
        assertThat(jdbc.sql("SELECT count(*) FROM device WHERE organization_id = :org")
                        .param("org", org.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
