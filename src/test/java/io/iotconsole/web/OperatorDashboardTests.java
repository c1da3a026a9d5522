package io.iotconsole.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.sim.SimInventoryTestSupport;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The operator's dashboard counts what waits for them and leads to where that work is done. */
@IntegrationTest
class OperatorDashboardTests {
    @Autowired
    TestData data;

    private static long count(String page, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">(\\d+)<").matcher(page);
        assertThat(m.find()).as("%s on the dashboard", id).isTrue();
        return Long.parseLong(m.group(1));
    }

    private long sql(String query) {
        return data.jdbc().sql(query).query(Long.class).single();
    }

    @Test
    void theOperatorSeesOrganisationsStockAndWaitingOrdersWithTheirLinks() {
        var org = data.organization("Dashboard Stock Co");
        SimInventoryTestSupport.stock(data, org.id(), 3, 19);
        org.owner().post("/api/v1/orders", Map.of("quantity", 5)).expect(201);
        var operator = data.console(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);

        String page = operator.get("/").body();
        assertThat(count(page, "count-organizations")).isEqualTo(sql("SELECT count(*) FROM organization"));
        assertThat(count(page, "count-stock")).isEqualTo(sql("SELECT count(*) FROM sim_card"));
        assertThat(count(page, "count-waiting-orders"))
                .isEqualTo(sql("SELECT count(*) FROM sim_order WHERE status = 'OPEN'"));
        assertThat(page)
                .contains("href=\"/organizations\" id=\"overview-organizations\"")
                .contains("href=\"/orders?status=OPEN\" id=\"overview-orders\"")
                .contains("href=\"/sims?organizationId=" + org.id() + "\"");

        long before = count(page, "count-waiting-orders");
        org.owner().post("/api/v1/orders", Map.of("quantity", 2)).expect(201);
        assertThat(count(operator.get("/").body(), "count-waiting-orders")).isEqualTo(before + 1);
        assertThat(operator.get("/orders?status=OPEN").body()).contains("Dashboard Stock Co");

        // an organisation's users keep their own dashboard
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        assertThat(owner.get("/").body()).doesNotContain("operator-overview").contains("sim-overview");
    }
}
