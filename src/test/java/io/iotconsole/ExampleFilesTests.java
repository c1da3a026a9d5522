package io.iotconsole;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The files in {@code examples/} go through the real stock import, SIM transfer and device upload and are accepted,
 * so that what the README offers for a first try keeps working.
 */
@IntegrationTest
class ExampleFilesTests {
    @Autowired
    TestData data;

    private static String example(String name) throws IOException {
        return Files.readString(Path.of("examples", name), StandardCharsets.UTF_8);
    }

    @Test
    void theStockTransferAndDeviceExamplesAreAccepted() throws IOException {
        var org = data.organization("Examples Co");
        var sub = data.subOrganization(org, "Examples Branch");

        var imported = data.operator()
                .raw("POST", "/api/v1/organizations/" + org.id() + "/sims/import", "text/csv", example("stock.csv"))
                .expect(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(12);

        String ranges = example("transfer-ranges.csv");
        var preview = org.owner()
                .raw("POST", "/api/v1/sim-transfers?toOrganizationId=" + sub.id(), "text/csv", ranges)
                .expect(200);
        assertThat(preview.json().get("valid").asBoolean()).isTrue();
        assertThat(preview.json().get("total").asLong()).isEqualTo(5);
        var moved = org.owner()
                .raw("POST", "/api/v1/sim-transfers?toOrganizationId=" + sub.id() + "&dryRun=false", "text/csv", ranges)
                .expect(200);
        assertThat(moved.json().get("transferred").asBoolean()).isTrue();
        assertThat(sub.owner().get("/api/v1/sims").json().get("total").asInt()).isEqualTo(5);

        String customer = org.owner()
                .post(
                        "/api/v1/customers",
                        Map.of("firstName", "Ella", "lastName", "Example", "email", TestData.email("ella")))
                .expect(201)
                .json()
                .get("id")
                .asString();
        var upload = org.owner()
                .raw(
                        "POST",
                        "/api/v1/customers/" + customer + "/devices/import?dryRun=false",
                        "text/csv",
                        example("devices.csv"))
                .expect(200);
        assertThat(upload.json().get("valid").asBoolean()).isTrue();
        assertThat(upload.json().get("written").asInt()).isEqualTo(3);
    }
}
