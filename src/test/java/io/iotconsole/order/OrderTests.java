package io.iotconsole.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.iotconsole.sim.SimInventoryTestSupport;
import io.iotconsole.support.Api;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Orders over the API: placed by the organisation, fulfilled from stock or cancelled by the operator, invoiced. */
@IntegrationTest
class OrderTests {
    @Autowired
    TestData data;

    static String stockCsv(int n) {
        StringBuilder csv = new StringBuilder("iccid,imsi,msisdn\n");
        for (int i = 0; i < n; i++) {
            String iccid = SimInventoryTestSupport.iccid();
            csv.append(iccid)
                    .append(",23415")
                    .append(iccid, 9, 19)
                    .append(",447")
                    .append(iccid, 10, 19)
                    .append('\n');
        }
        return csv.toString();
    }

    static long sims(Api api) {
        return api.get("/api/v1/sims?size=1").expect(200).json().get("total").asLong();
    }

    @Test
    void anOrderIsPlacedFulfilledFromStockAndInvoiced() throws Exception {
        var org = data.organization("Ordering Co");
        var stranger = data.organization("Stranger Orders");
        var placed = org.owner()
                .post("/api/v1/orders", Map.of("quantity", 10))
                .expect(201)
                .json();
        assertThat(placed.get("status").asString()).isEqualTo("OPEN");
        assertThat(placed.get("number").asInt()).isEqualTo(1);
        assertThat(placed.get("total").decimalValue()).isEqualByComparingTo("25.00");
        String id = placed.get("id").asString();
        assertThat(org.owner()
                        .post("/api/v1/orders", Map.of("quantity", 3))
                        .expect(201)
                        .json()
                        .get("number")
                        .asInt())
                .isEqualTo(2);

        assertThat(org.owner()
                        .post("/api/v1/orders", Map.of("quantity", 0))
                        .expect(400)
                        .fieldError("quantity"))
                .contains("1 to 100000");
        org.owner().post("/api/v1/orders", Map.of("quantity", 100_001)).expect(400);
        org.owner().post("/api/v1/orders", Map.of()).expect(400);

        stranger.owner().get("/api/v1/orders/" + id).expect(404);
        assertThat(stranger.owner().get("/api/v1/orders").json().get("total").asInt())
                .isZero();
        assertThat(org.owner()
                        .get("/api/v1/orders?status=OPEN")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(2);
        org.owner().get("/api/v1/orders?status=LOST").expect(400);
        assertThat(org.owner().download("/api/v1/orders/" + id + "/invoice").status())
                .isEqualTo(409);

        // fulfilling is the operator's, with exactly the ordered number of SIMs, all or nothing
        org.owner()
                .raw("POST", "/api/v1/orders/" + id + "/fulfil", "text/csv", stockCsv(10))
                .expect(403);
        var tooFew = data.operator().raw("POST", "/api/v1/orders/" + id + "/fulfil", "text/csv", stockCsv(9));
        tooFew.expect(400);
        assertThat(tooFew.body()).contains("The file has 9 SIMs; the order is for 10");
        assertThat(sims(org.owner())).isZero();
        var done = data.operator()
                .raw("POST", "/api/v1/orders/" + id + "/fulfil", "text/csv", stockCsv(10))
                .expect(200)
                .json();
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(sims(org.owner())).isEqualTo(10);
        data.operator()
                .raw("POST", "/api/v1/orders/" + id + "/fulfil", "text/csv", stockCsv(10))
                .expect(409);
        data.operator().post("/api/v1/orders/" + id + "/cancel").expect(409);

        var invoice = org.owner().download("/api/v1/orders/" + id + "/invoice");
        assertThat(invoice.status()).isEqualTo(200);
        assertThat(invoice.contentType()).isEqualTo("application/pdf");
        assertThat(invoice.disposition()).contains("INV-" + org.accountNumber() + "-1.pdf");
        assertThat(new String(invoice.body(), 0, 5)).isEqualTo("%PDF-");
        String text = new PdfTextExtractor(new PdfReader(invoice.body())).getTextFromPage(1);
        assertThat(text)
                .contains("Invoice INV-" + org.accountNumber() + "-1", "Ordering Co", "25.00 EUR", "2.50 EUR")
                .contains(done.get("firstIccid").asString());
        assertThat(stranger.owner()
                        .download("/api/v1/orders/" + id + "/invoice")
                        .status())
                .isEqualTo(404);

        assertThat(org.owner().get("/api/v1/audit-events?size=50").body()).contains("ORDER_PLACED", "ORDER_FULFILLED");
    }

    @Test
    void theOperatorCancelsAnOpenOrderAndApiUsersMayOrder() {
        var org = data.organization("Cancelling Co");
        var machine = data.apiUser(org, "orders");
        String id = machine.post("/api/v1/orders", Map.of("quantity", 4))
                .expect(201)
                .json()
                .get("id")
                .asString();
        org.owner().post("/api/v1/orders/" + id + "/cancel").expect(403);
        assertThat(data.operator()
                        .get("/api/v1/orders?organizationId=" + org.id())
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        var cancelled = data.operator()
                .post("/api/v1/orders/" + id + "/cancel")
                .expect(200)
                .json();
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(org.owner().download("/api/v1/orders/" + id + "/invoice").status())
                .isEqualTo(409);
        data.operator().post("/api/v1/orders/" + id + "/cancel").expect(409);
        // the operator orders on an organisation's behalf, naming it
        assertThat(data.operator()
                        .post("/api/v1/orders", Map.of("quantity", 1))
                        .expect(400)
                        .fieldError("organizationId"))
                .contains("Choose the organisation");
        data.operator()
                .post("/api/v1/orders", Map.of("quantity", 1, "organizationId", org.id()))
                .expect(201);
    }
}
