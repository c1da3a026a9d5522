package io.iotconsole.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An order is reviewed with its price before it is placed; the quantity survives going back and bad input. */
@IntegrationTest
class OrderConfirmationTests {
    @Autowired
    TestData data;

    private long orders(TestData.Org org) {
        return org.owner().get("/api/v1/orders").expect(200).json().get("total").asLong();
    }

    @Test
    void theOrderFormLeadsToAConfirmationWithTheUnitPriceAndTheTotal() {
        var org = data.organization("Confirm Orders");
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        String list = owner.get("/orders").body();
        assertThat(list).contains("action=\"/orders/confirm\"", "method=\"get\"");
        assertThat(owner.get("/").body()).contains("action=\"/orders/confirm\"");

        String confirm = owner.get("/orders/confirm?quantity=4").body();
        assertThat(confirm)
                .contains(
                        "id=\"quote-quantity\">4<",
                        "id=\"quote-unit-price\">2.50 EUR<",
                        "id=\"quote-total\">10.00 EUR<")
                .contains("Place order")
                .contains("href=\"/orders?quantity=4\"");
        assertThat(orders(org)).as("nothing is placed by the review").isZero();
        assertThat(owner.get("/orders?quantity=4").body()).contains("id=\"quantity\"", "value=\"4\"");

        var placed = owner.submit("/orders/confirm?quantity=4", "/orders", Map.of("quantity", "4"));
        assertThat(placed.location()).endsWith("/orders");
        assertThat(owner.get("/orders").body()).contains("for 4 SIMs is placed", "10.00 EUR");
        assertThat(orders(org)).isEqualTo(1);
    }

    @Test
    void aQuantityThatIsNotOneStaysInTheFormNamed() {
        var org = data.organization("Confirm Bad Orders");
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        for (String typed : new String[] {"lots", "0", "100001"}) {
            var page = owner.get("/orders/confirm?quantity=" + typed);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body())
                    .contains("SIMs to order: A whole number of SIMs from 1 to 100000")
                    .contains("value=\"" + typed + "\"")
                    .doesNotContain("id=\"order-quote\"");
        }
        assertThat(orders(org)).isZero();

        String reader = TestData.email("reader");
        data.activeUser(org.owner(), "READ_ONLY", reader);
        var readOnly = data.console(reader, TestData.PASSWORD);
        assertThat(readOnly.get("/orders").body()).doesNotContain("/orders/confirm");
        assertThat(readOnly.get("/orders/confirm?quantity=3").status()).isEqualTo(403);
    }
}
