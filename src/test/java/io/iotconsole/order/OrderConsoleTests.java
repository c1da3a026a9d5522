package io.iotconsole.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Orders page and the dashboard's latest-order widget, per role, and the operator's fulfilment upload. */
@IntegrationTest
class OrderConsoleTests {
    @Autowired
    TestData data;

    @Test
    void anOwnerOrdersFromTheDashboardAndTheOperatorFulfilsFromAnUpload() {
        var org = data.organization("Console Orders");
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        String dashboard = owner.get("/").body();
        assertThat(dashboard).contains("Latest order", "No order yet.", "Order SIMs");

        var placed = owner.submit("/", "/orders", Map.of("quantity", "3"));
        assertThat(placed.location()).endsWith("/orders");
        assertThat(owner.get("/orders").body()).contains("Order 1 for 3 SIMs is placed.", "7.50 EUR");
        assertThat(owner.submit("/orders", "/orders", Map.of("quantity", "lots"))
                        .location())
                .endsWith("/orders");
        assertThat(owner.get("/orders").body()).contains("A whole number of SIMs from 1 to 100000");
        dashboard = owner.get("/").body();
        assertThat(dashboard).contains("3 SIMs", "id=\"latest-order-status\">OPEN", "Order again");

        // a Standard user sees the widget without the order button; a Group user neither widget nor orders
        String standard = TestData.email("std");
        data.activeUser(org.owner(), "STANDARD", standard);
        String standardDashboard =
                data.console(standard, TestData.PASSWORD).get("/").body();
        assertThat(standardDashboard).contains("Latest order", "3 SIMs").doesNotContain("Order again");
        String group = TestData.email("grp");
        data.activeUser(org.owner(), "GROUP_USER", group);
        var groupUser = data.console(group, TestData.PASSWORD);
        assertThat(groupUser.get("/").body()).doesNotContain("Latest order");
        assertThat(groupUser.get("/orders").status()).isEqualTo(403);

        // the operator fulfils it from an uploaded stock file, all or nothing
        String id = org.owner()
                .get("/api/v1/orders")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        var operator = data.console(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
        assertThat(operator.get("/orders").body()).contains("Console Orders (" + org.accountNumber() + ")", "Fulfil");
        var tooMany = operator.upload(
                "/orders/" + id + "/fulfil", "/orders/" + id + "/fulfil", "file", "stock.csv", OrderTests.stockCsv(4));
        assertThat(tooMany.status()).isEqualTo(200);
        assertThat(tooMany.body()).contains("Row 1: The file has 4 SIMs; the order is for 3");
        var done = operator.upload(
                "/orders/" + id + "/fulfil", "/orders/" + id + "/fulfil", "file", "stock.csv", OrderTests.stockCsv(3));
        assertThat(done.location()).endsWith("/orders");
        assertThat(OrderTests.sims(org.owner())).isEqualTo(3);
        assertThat(owner.get("/").body()).contains("COMPLETED", "/invoice.pdf");
        assertThat(owner.get("/orders/" + id + "/invoice.pdf").body()).startsWith("%PDF-");

        // the Owner is not offered fulfilment and may not take it
        assertThat(owner.get("/orders").body()).doesNotContain(">Fulfil<");
        assertThat(owner.upload("/orders", "/orders/" + id + "/fulfil", "file", "s.csv", OrderTests.stockCsv(3))
                        .status())
                .isEqualTo(403);
    }
}
