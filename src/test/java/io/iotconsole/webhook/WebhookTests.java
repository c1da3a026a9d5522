package io.iotconsole.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.customer.CustomerTestSupport;
import io.iotconsole.sim.SimInventoryTestSupport;
import io.iotconsole.support.Api;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.MovableClock;
import io.iotconsole.support.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks against a real receiver in this JVM: signed as Standard Webhooks says, sent for committed changes only,
 * tried again with growing pauses, disabled after a day of failures (the clock moved, not waited for) with a mail to
 * the Owner, and refused addresses.
 */
@IntegrationTest
class WebhookTests {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TestData data;

    @Autowired
    MovableClock clock;

    @Autowired
    AuditLog audit;

    @Autowired
    TransactionTemplate tx;

    record Endpoint(String id, String secret) {}

    static Endpoint register(Api owner, String url, String... types) {
        var created = owner.post("/api/v1/webhooks", Map.of("url", url, "eventTypes", List.of(types)))
                .expect(201)
                .json();
        String secret = created.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        return new Endpoint(created.get("endpoint").get("id").asString(), secret);
    }

    static JsonNode body(Receiver.Received r) {
        return JSON.readTree(r.body());
    }

    static List<JsonNode> ofType(Receiver receiver, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (var r : receiver.received) {
            JsonNode b = body(r);
            if (b.get("type").asString().equals(type)) {
                out.add(b);
            }
        }
        return out;
    }

    static List<JsonNode> awaitType(Receiver receiver, String type, int n) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (ofType(receiver, type).size() < n && Instant.now().isBefore(deadline)) {
            TestData.sleep(50);
        }
        return ofType(receiver, type);
    }

    @Test
    void chosenEventsArriveSignedAsStandardWebhooksSaysAndOthersDoNot() throws Exception {
        var org = data.organization("Hooked");
        try (Receiver receiver = Receiver.answering(200)) {
            Endpoint endpoint =
                    register(org.owner(), receiver.url(), "user.invited", "order.placed", "sim.state_changed");
            String email = TestData.email("invitee");
            var user = org.owner()
                    .post(
                            "/api/v1/users",
                            Map.of("firstName", "Ivy", "lastName", "Invited", "email", email, "role", "STANDARD"))
                    .expect(201)
                    .json();
            CustomerTestSupport.create(org.owner(), "Not", "Chosen", TestData.email("notchosen"));
            var order = org.owner()
                    .post("/api/v1/orders", Map.of("quantity", 7))
                    .expect(201)
                    .json();
            String iccid = SimInventoryTestSupport.stock(data, org.id(), 1, 19).get(0);
            org.owner()
                    .patch("/api/v1/sims/" + iccid, Map.of("state", "SUSPENDED"))
                    .expect(200);

            List<JsonNode> invited = awaitType(receiver, "user.invited", 1);
            assertThat(invited).hasSize(1);
            JsonNode d = invited.get(0).get("data");
            assertThat(d.get("organizationId").asString()).isEqualTo(org.id().toString());
            assertThat(d.get("userId").asString()).isEqualTo(user.get("id").asString());
            assertThat(d.get("label").asString()).contains(email);

            JsonNode placed = awaitType(receiver, "order.placed", 1).get(0);
            assertThat(placed.get("data").get("orderId").asString())
                    .isEqualTo(order.get("id").asString());
            assertThat(placed.get("data").get("detail").asString()).startsWith("7 SIMs");

            JsonNode state = awaitType(receiver, "sim.state_changed", 1).get(0).get("data");
            assertThat(state.get("iccid").asString()).isEqualTo(iccid);
            assertThat(state.get("state").asString()).isEqualTo("SUSPENDED");
            assertThat(state.has("previousState")).isTrue();

            for (var r : receiver.received) {
                assertThat(r.signedWith(endpoint.secret()))
                        .as("signature of %s", r.body())
                        .isTrue();
                assertThat(r.header("webhook-id")).startsWith("msg_");
                long ts = Long.parseLong(r.header("webhook-timestamp"));
                assertThat(Math.abs(Instant.now().getEpochSecond() - ts)).isLessThan(60);
                assertThat(r.header("content-type")).startsWith("application/json");
                JsonNode b = body(r);
                assertThat(b.get("timestamp").asString()).isNotBlank();
            }
            assertThat(receiver.received.stream()
                            .map(r -> r.header("webhook-id"))
                            .distinct())
                    .as("one event id per event")
                    .hasSize(receiver.received.size());
            TestData.sleep(1000);
            assertThat(ofType(receiver, "customer.created"))
                    .as("an event the endpoint did not choose")
                    .isEmpty();
            assertThat(receiver.received).hasSize(3);
        }
    }

    @Test
    void aTransferIsOneEventNamingTheCountAndRangesAndAnUploadFinishes() throws Exception {
        var parent = data.organization("Hooked Parent");
        var sub = data.subOrganization(parent, "Hooked Sub");
        try (Receiver toParent = Receiver.answering(200);
                Receiver toSub = Receiver.answering(204)) {
            register(parent.owner(), toParent.url(), "sim.transferred", "device_upload.finished");
            register(sub.owner(), toSub.url(), "sim.transferred");
            List<String> sims = SimInventoryTestSupport.stock(data, parent.id(), 6, 19);
            parent.owner()
                    .post(
                            "/api/v1/sim-transfers?dryRun=false",
                            Map.of(
                                    "toOrganizationId",
                                    sub.id(),
                                    "ranges",
                                    List.of(
                                            Map.of("first", sims.get(0), "last", sims.get(2)),
                                            Map.of("first", sims.get(4), "last", sims.get(4)))))
                    .expect(200);
            JsonNode out = awaitType(toParent, "sim.transferred", 1).get(0).get("data");
            assertThat(out.get("direction").asString()).isEqualTo("out");
            assertThat(out.get("count").asLong()).isEqualTo(4);
            assertThat(out.get("toOrganizationId").asString())
                    .isEqualTo(sub.id().toString());
            assertThat(out.get("ranges").get(0).get("first").asString()).isEqualTo(sims.get(0));
            assertThat(out.get("ranges").get(0).get("last").asString()).isEqualTo(sims.get(2));
            assertThat(out.get("ranges").get(1).get("first").asString()).isEqualTo(sims.get(4));
            JsonNode in = awaitType(toSub, "sim.transferred", 1).get(0).get("data");
            assertThat(in.get("direction").asString()).isEqualTo("in");
            assertThat(in.get("count").asLong()).isEqualTo(4);
            assertThat(in.get("organizationId").asString()).isEqualTo(sub.id().toString());

            String customer = CustomerTestSupport.create(parent.owner(), "Up", "Loader", TestData.email("uploader"));
            CustomerTestSupport.devices(parent.owner(), customer, "Home,,Meter,SN-HOOK,M,\n");
            JsonNode upload =
                    awaitType(toParent, "device_upload.finished", 1).get(0).get("data");
            assertThat(upload.get("customerId").asString()).isEqualTo(customer);
            assertThat(upload.get("detail").asString()).isEqualTo("1 devices");
            assertThat(toParent.received).hasSize(2);
            assertThat(toSub.received).hasSize(1);
        }
    }

    @Test
    void aChangeThatRollsBackSendsNothingAndOneThatCommitsIsSent() throws Exception {
        var org = data.organization("Hooked Rollback");
        try (Receiver receiver = Receiver.answering(200)) {
            register(org.owner(), receiver.url(), "customer.created");
            String rolledBack = "rolled-back-" + UUID.randomUUID();
            String committed = "committed-" + UUID.randomUUID();
            tx.executeWithoutResult(status -> {
                audit.record(AuditRecord.success(org.id(), "CUSTOMER_CREATED", "CUSTOMER", rolledBack, "Gone"));
                status.setRollbackOnly();
            });
            tx.executeWithoutResult(status ->
                    audit.record(AuditRecord.success(org.id(), "CUSTOMER_CREATED", "CUSTOMER", committed, "Kept")));
            List<JsonNode> sent = awaitType(receiver, "customer.created", 1);
            TestData.sleep(1000);
            sent = ofType(receiver, "customer.created");
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).get("data").get("customerId").asString()).isEqualTo(committed);
            assertThat(data.jdbc()
                            .sql("SELECT count(*) FROM webhook_event WHERE body LIKE :id")
                            .param("id", "%" + rolledBack + "%")
                            .query(Long.class)
                            .single())
                    .as("no event row outlives its rolled-back change")
                    .isZero();
        }
    }

    @Test
    void aFailingReceiverGetsTheEventAgainWithGrowingPausesUntilItRecovers() throws Exception {
        var org = data.organization("Hooked Flaky");
        try (Receiver receiver = new Receiver(n -> n <= 3 ? 500 : 200)) {
            Endpoint endpoint = register(org.owner(), receiver.url(), "user.invited");
            String event = org.owner()
                    .post("/api/v1/webhooks/" + endpoint.id() + "/ping")
                    .expect(202)
                    .json()
                    .get("eventId")
                    .asString();
            List<Receiver.Received> tries = receiver.await(4);
            assertThat(tries).hasSize(4);
            assertThat(tries).allMatch(r -> r.header("webhook-id").equals(event));
            assertThat(tries).allMatch(r -> r.signedWith(endpoint.secret()));
            // retry base 0.5 s, doubling, ±25%: at least 0.375 s, 0.75 s, 1.5 s apart
            Duration first = Duration.between(tries.get(0).at(), tries.get(1).at());
            Duration third = Duration.between(tries.get(2).at(), tries.get(3).at());
            assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(370));
            assertThat(Duration.between(tries.get(1).at(), tries.get(2).at()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(740));
            assertThat(third).isGreaterThanOrEqualTo(Duration.ofMillis(1490));
            assertThat(third).isGreaterThan(first);

            JsonNode log = awaitLog(org.owner(), endpoint.id(), 4);
            assertThat(log.size()).isEqualTo(4);
            // newest first: 200, then the three failures
            assertThat(log.get(0).get("httpStatus").asInt()).isEqualTo(200);
            assertThat(log.get(0).get("deliveryStatus").asString()).isEqualTo("DELIVERED");
            for (int i = 1; i < 4; i++) {
                assertThat(log.get(i).get("httpStatus").asInt()).isEqualTo(500);
                assertThat(log.get(i).get("answer").asString()).isEqualTo("failing on purpose 500");
                assertThat(log.get(i).get("durationMs").asInt()).isGreaterThanOrEqualTo(0);
            }
            var endpointNow = org.owner()
                    .get("/api/v1/webhooks/" + endpoint.id())
                    .expect(200)
                    .json();
            assertThat(endpointNow.has("failingSince"))
                    .as("a success ends the failure streak")
                    .isFalse();

            // the console's delivery log shows each try; send again delivers the same event once more
            var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
            var page = owner.get("/webhooks/" + endpoint.id());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("failing on purpose 500").contains(event);
            assertThat(page.body()).doesNotContain(endpoint.secret());
            String delivery = log.get(0).get("deliveryId").asString();
            var again = owner.submit(
                    "/webhooks/" + endpoint.id(),
                    "/webhooks/" + endpoint.id() + "/deliveries/" + delivery + "/send-again",
                    Map.of());
            assertThat(again.status()).isEqualTo(302);
            assertThat(receiver.await(5)).hasSize(5);
            assertThat(receiver.received.get(4).header("webhook-id")).isEqualTo(event);
        }
    }

    static JsonNode awaitLog(Api owner, String endpoint, int n) {
        Instant deadline = Instant.now().plusSeconds(20);
        JsonNode log = owner.get("/api/v1/webhooks/" + endpoint + "/attempts")
                .expect(200)
                .json();
        while (log.size() < n && Instant.now().isBefore(deadline)) {
            TestData.sleep(100);
            log = owner.get("/api/v1/webhooks/" + endpoint + "/attempts")
                    .expect(200)
                    .json();
        }
        return log;
    }

    @Test
    void anEndpointFailingForADayIsDisabledAndItsOwnerMailed() throws Exception {
        var org = data.organization("Hooked Down");
        try (Receiver receiver = Receiver.answering(503)) {
            Endpoint endpoint = register(org.owner(), receiver.url(), "order.placed");
            org.owner().post("/api/v1/webhooks/" + endpoint.id() + "/ping").expect(202);
            awaitLog(org.owner(), endpoint.id(), 2);
            var failing = org.owner()
                    .get("/api/v1/webhooks/" + endpoint.id())
                    .expect(200)
                    .json();
            assertThat(failing.get("enabled").asBoolean())
                    .as("hours of failures are not a day")
                    .isTrue();
            assertThat(failing.get("failingSince").asString()).isNotBlank();
            int mails = data.mailCount(org.ownerEmail());
            try {
                clock.advance(Duration.ofHours(25));
                Instant deadline = Instant.now().plusSeconds(20);
                while (org.owner()
                                .get("/api/v1/webhooks/" + endpoint.id())
                                .expect(200)
                                .json()
                                .get("enabled")
                                .asBoolean()
                        && Instant.now().isBefore(deadline)) {
                    TestData.sleep(100);
                }
            } finally {
                clock.reset();
            }
            var disabled = org.owner()
                    .get("/api/v1/webhooks/" + endpoint.id())
                    .expect(200)
                    .json();
            assertThat(disabled.get("enabled").asBoolean()).isFalse();
            assertThat(disabled.get("disabledReason").asString()).contains("every try failed since");
            assertThat(data.awaitMailCount(org.ownerEmail(), mails + 1)).isEqualTo(mails + 1);
            var mail = java.util.Arrays.stream(IntegrationTest.Smtp.server().getReceivedMessages())
                    .filter(m -> {
                        try {
                            return m.getAllRecipients()[0].toString().equalsIgnoreCase(org.ownerEmail())
                                    && m.getSubject().equals("A webhook endpoint was disabled");
                        } catch (jakarta.mail.MessagingException e) {
                            return false;
                        }
                    })
                    .findFirst();
            assertThat(mail).isPresent();
            assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail.get()))
                    .contains(receiver.url())
                    .contains("/webhooks/" + endpoint.id());
            assertThat(data.jdbc()
                            .sql(
                                    "SELECT count(*) FROM audit_event WHERE action = 'WEBHOOK_DISABLED' AND target_id = :id")
                            .param("id", endpoint.id())
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);

            // disabled: nothing is tried and new events are not queued for it; enabled again, what waited goes out
            int before = receiver.received.size();
            org.owner().post("/api/v1/orders", Map.of("quantity", 3)).expect(201);
            TestData.sleep(1000);
            assertThat(receiver.received).hasSize(before);
            org.owner()
                    .patch("/api/v1/webhooks/" + endpoint.id(), Map.of("enabled", true))
                    .expect(200);
            assertThat(receiver.await(before + 1).size()).isGreaterThan(before);
            assertThat(ofType(receiver, "webhook.ping")).hasSize(receiver.received.size());
            var enabled = org.owner()
                    .get("/api/v1/webhooks/" + endpoint.id())
                    .expect(200)
                    .json();
            assertThat(enabled.has("disabledReason")).isFalse();
            org.owner()
                    .patch("/api/v1/webhooks/" + endpoint.id(), Map.of("enabled", false))
                    .expect(200);
        }
    }

    @Test
    void aRotatedSecretSignsFromThenOn() throws Exception {
        var org = data.organization("Hooked Rotation");
        try (Receiver receiver = Receiver.answering(200)) {
            Endpoint endpoint = register(org.owner(), receiver.url(), "order.placed");
            org.owner().post("/api/v1/webhooks/" + endpoint.id() + "/ping").expect(202);
            assertThat(receiver.await(1).get(0).signedWith(endpoint.secret())).isTrue();
            var rotated = org.owner()
                    .post("/api/v1/webhooks/" + endpoint.id() + "/rotate-secret")
                    .expect(200)
                    .json();
            String secret = rotated.get("secret").asString();
            assertThat(secret).startsWith("whsec_").isNotEqualTo(endpoint.secret());
            org.owner().post("/api/v1/webhooks/" + endpoint.id() + "/ping").expect(202);
            var second = receiver.await(2).get(1);
            assertThat(second.signedWith(secret)).isTrue();
            assertThat(second.signedWith(endpoint.secret())).isFalse();
            assertThat(org.owner().get("/api/v1/webhooks/" + endpoint.id()).body())
                    .doesNotContain(secret)
                    .doesNotContain("whsec_");
            assertThat(data.jdbc()
                            .sql("SELECT secret FROM webhook_endpoint WHERE id = CAST(:id AS uuid)")
                            .param("id", endpoint.id())
                            .query(String.class)
                            .single())
                    .as("stored encrypted")
                    .doesNotContain(secret.substring(6));
        }
    }

    @Test
    void addressesThatAreNotHttpsAndRedirectsAreRefused() throws Exception {
        var org = data.organization("Hooked Refusals");
        Api owner = org.owner();
        var plain = owner.post(
                        "/api/v1/webhooks",
                        Map.of("url", "http://hooks.example.com/in", "eventTypes", List.of("order.placed")))
                .expect(400);
        assertThat(plain.contentType()).startsWith("application/problem+json");
        assertThat(plain.fieldError("url")).contains("https://");
        assertThat(owner.post(
                                "/api/v1/webhooks",
                                Map.of("url", "ftp://hooks.example.com/in", "eventTypes", List.of("order.placed")))
                        .expect(400)
                        .fieldError("url"))
                .isNotNull();
        assertThat(owner.post(
                                "/api/v1/webhooks",
                                Map.of(
                                        "url",
                                        "https://user:pw@hooks.example.com/",
                                        "eventTypes",
                                        List.of("order.placed")))
                        .expect(400)
                        .fieldError("url"))
                .isNotNull();
        var noEvents = owner.post(
                        "/api/v1/webhooks", Map.of("url", "https://hooks.example.com/in", "eventTypes", List.of()))
                .expect(400);
        assertThat(noEvents.fieldError("eventTypes")).isEqualTo("Choose at least one event");
        assertThat(owner.post(
                                "/api/v1/webhooks",
                                Map.of("url", "https://hooks.example.com/in", "eventTypes", List.of("sim.exploded")))
                        .expect(400)
                        .fieldError("eventTypes"))
                .contains("sim.exploded");
        owner.post(
                        "/api/v1/webhooks",
                        Map.of("url", "https://hooks.example.com/in", "eventTypes", List.of("order.placed")))
                .expect(201);

        try (Receiver elsewhere = Receiver.answering(200);
                Receiver redirecting = new Receiver(n -> 307, elsewhere.url())) {
            Endpoint endpoint = register(owner, redirecting.url(), "order.placed");
            owner.post("/api/v1/webhooks/" + endpoint.id() + "/ping").expect(202);
            JsonNode log = awaitLog(owner, endpoint.id(), 1);
            assertThat(log.get(0).get("httpStatus").asInt()).isEqualTo(307);
            assertThat(log.get(0).get("answer").asString()).startsWith("Redirect not followed");
            assertThat(log.get(0).get("deliveryStatus").asString()).isEqualTo("PENDING");
            TestData.sleep(500);
            assertThat(elsewhere.received).as("the redirect is not followed").isEmpty();
            owner.patch("/api/v1/webhooks/" + endpoint.id(), Map.of("enabled", false))
                    .expect(200);
        }
        // another organisation's endpoint does not exist for this Owner
        var other = data.organization("Hooked Other");
        String foreign = register(other.owner(), "https://hooks.example.com/other", "order.placed")
                .id();
        owner.get("/api/v1/webhooks/" + foreign).expect(404);
        owner.post("/api/v1/webhooks/" + foreign + "/rotate-secret").expect(404);
        assertThat(owner.get("/api/v1/webhooks").body()).doesNotContain(foreign);
    }

    @Test
    void theWebhooksPageMakesAnEndpointAndShowsItsSecretOnce() throws Exception {
        var org = data.organization("Hooked Pages");
        String standard = TestData.email("standard");
        data.activeUser(org.owner(), "STANDARD", standard);
        assertThat(data.console(standard, TestData.PASSWORD).get("/").body()).doesNotContain("href=\"/webhooks\"");
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        assertThat(owner.get("/").body()).contains("href=\"/webhooks\"");
        try (Receiver receiver = Receiver.answering(200)) {
            var refused = owner.submitAll(
                    "/webhooks/new",
                    "/webhooks",
                    List.of(Map.entry("url", "http://hooks.example.com/in"), Map.entry("eventTypes", "order.placed")));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("Must use https://");
            var created = owner.submitAll(
                    "/webhooks/new",
                    "/webhooks",
                    List.of(
                            Map.entry("url", receiver.url()),
                            Map.entry("description", "Billing <b>sync</b>"),
                            Map.entry("eventTypes", "order.placed"),
                            Map.entry("eventTypes", "order.completed")));
            assertThat(created.status()).isEqualTo(200);
            var secret = java.util.regex.Pattern.compile("id=\"secret-value\">(whsec_[A-Za-z0-9+/=]+)<")
                    .matcher(created.body());
            assertThat(secret.find()).as(created.body()).isTrue();
            var list = org.owner().get("/api/v1/webhooks").expect(200).json();
            assertThat(list.size()).isEqualTo(1);
            assertThat(list.get(0).get("eventTypes").toString()).contains("order.placed", "order.completed");
            String id = list.get(0).get("id").asString();
            assertThat(owner.get("/webhooks").body())
                    .contains("Billing &lt;b&gt;sync&lt;/b&gt;")
                    .doesNotContain(secret.group(1));
            assertThat(owner.get("/webhooks/" + id).body()).doesNotContain(secret.group(1));

            org.owner().post("/api/v1/orders", Map.of("quantity", 2)).expect(201);
            assertThat(receiver.await(1).get(0).signedWith(secret.group(1))).isTrue();

            var deleted = owner.submit("/webhooks/" + id + "/delete", "/webhooks/" + id + "/delete", Map.of());
            assertThat(deleted.status()).isEqualTo(302);
            org.owner().get("/api/v1/webhooks/" + id).expect(404);
            assertThat(data.jdbc()
                            .sql(
                                    "SELECT string_agg(action, ',' ORDER BY occurred_at) FROM audit_event WHERE target_id = :id")
                            .param("id", id)
                            .query(String.class)
                            .single())
                    .isEqualTo("WEBHOOK_CREATED,WEBHOOK_DELETED");
        }
    }

    @Test
    void everyEventTypeOnOfferIsAnnouncedByAnAuditAction() {
        for (var type : WebhookEvents.TYPES) {
            assertThat(java.util.stream.Stream.of(
                                    "USER_CREATED",
                                    "USER_REINVITED",
                                    "USER_ACTIVATED",
                                    "USER_DEACTIVATED",
                                    "USER_DELETED",
                                    "CUSTOMER_CREATED",
                                    "CUSTOMER_DISABLED",
                                    "CUSTOMER_ENABLED",
                                    "CUSTOMER_PASSWORD_SET",
                                    "CUSTOMER_PASSWORD_RESET_REQUESTED",
                                    "REMOTE_ASSISTANCE_STARTED",
                                    "REMOTE_ASSISTANCE_ENDED",
                                    "SIM_STATE_CHANGED",
                                    "SIMS_TRANSFERRED_OUT",
                                    "SIMS_TRANSFERRED_IN",
                                    "DEVICES_UPLOADED",
                                    "ORDER_PLACED",
                                    "ORDER_FULFILLED")
                            .map(a -> WebhookEvents.typeOf(AuditRecord.success(UUID.randomUUID(), a, "X", "1", null)))
                            .anyMatch(t -> t.orElse("").equals(type.name())))
                    .as("an audit action announces %s", type.name())
                    .isTrue();
        }
    }
}
