package io.iotconsole.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotconsole.sim.SimInventoryTestSupport;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import io.iotconsole.support.ValidatingProxy;
import iotconsole.client.ApiClient;
import iotconsole.client.ApiException;
import iotconsole.client.api.AuditEventsApi;
import iotconsole.client.api.AuthenticationApi;
import iotconsole.client.api.CustomersApi;
import iotconsole.client.api.OrdersApi;
import iotconsole.client.api.OrganizationsApi;
import iotconsole.client.api.SimTransfersApi;
import iotconsole.client.api.SimsApi;
import iotconsole.client.api.UsersApi;
import iotconsole.client.model.CustomerChanges;
import iotconsole.client.model.GroupName;
import iotconsole.client.model.JsonRange;
import iotconsole.client.model.NewCustomer;
import iotconsole.client.model.NewOrder;
import iotconsole.client.model.NewOrganization;
import iotconsole.client.model.NewUser;
import iotconsole.client.model.Owner;
import iotconsole.client.model.PasswordWithToken;
import iotconsole.client.model.SimChanges;
import iotconsole.client.model.Sms;
import iotconsole.client.model.TransferBody;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An integrator's day through the client generated from docs/openapi.json, against the running console, with every
 * request and answer checked against the live document by a validating proxy in between.
 */
@IntegrationTest
class ManagementApiClientTests {
    private static ValidatingProxy proxy;

    @Autowired
    TestData data;

    @BeforeAll
    static void noProxyYet() {
        proxy = null;
    }

    @AfterAll
    static void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private ValidatingProxy proxy() throws Exception {
        if (proxy == null) {
            proxy = new ValidatingProxy(
                    data.baseUrl(), data.api().get("/v3/api-docs").expect(200).body());
        }
        return proxy;
    }

    private ApiClient client(String authorization) throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(proxy().baseUrl());
        if (authorization != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        }
        return client;
    }

    private ApiClient signIn(String login, String secret) throws Exception {
        String basic =
                "Basic " + Base64.getEncoder().encodeToString((login + ":" + secret).getBytes(StandardCharsets.UTF_8));
        var token = new AuthenticationApi(client(basic)).issueToken("client_credentials", null, null, null);
        assertThat(token.getTokenType()).isEqualTo("Bearer");
        assertThat(token.getExpiresIn()).isPositive();
        return client("Bearer " + token.getAccessToken());
    }

    private static String stock(List<String> iccids, int n) {
        StringBuilder csv = new StringBuilder("iccid,imsi,msisdn\n");
        for (int i = 0; i < n; i++) {
            String iccid = SimInventoryTestSupport.iccid();
            iccids.add(iccid);
            csv.append(iccid)
                    .append(",23415")
                    .append(iccid, 9, 19)
                    .append(",447")
                    .append(iccid, 10, 19)
                    .append('\n');
        }
        return csv.toString();
    }

    @Test
    void anIntegratorDrivesTheApiThroughTheGeneratedClient() throws Exception {
        ApiClient operator = signIn(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
        String ownerEmail = TestData.email("client-owner");
        var org = new OrganizationsApi(operator)
                .createOrganization(new NewOrganization()
                        .name("Client Co " + UUID.randomUUID())
                        .owner(new Owner().firstName("Olive").lastName("Owner").email(ownerEmail)));
        assertThat(org.getAccountNumber()).hasSize(8);
        new UsersApi(client(null))
                .activateUser(new PasswordWithToken()
                        .token(data.linkToken(ownerEmail, "activate"))
                        .password(TestData.PASSWORD));
        ApiClient owner = signIn(ownerEmail, TestData.PASSWORD);
        assertThat(new UsersApi(owner).getMe().getOrganizationId()).isEqualTo(org.getId());

        var sub = new OrganizationsApi(owner)
                .createOrganization(new NewOrganization()
                        .name("Client Sub " + UUID.randomUUID())
                        .owner(new Owner().firstName("Sam").lastName("Sub").email(TestData.email("client-sub"))));
        var firstPage = new OrganizationsApi(owner).listOrganizations(0, 1, "name");
        assertThat(firstPage.getTotal()).isEqualTo(2);
        assertThat(firstPage.getItems()).hasSize(1);

        // stock, by the operator
        List<String> iccids = new ArrayList<>();
        assertThat(new OrganizationsApi(operator)
                        .importSims(org.getId(), stock(iccids, 6))
                        .getImported())
                .isEqualTo(6);

        // users of each role, an API user among them
        var users = new UsersApi(owner);
        var sims = new SimsApi(owner);
        var group = sims.createGroup(new GroupName().name("Meters"), null);
        for (String role : List.of("ADMIN", "STANDARD", "GROUP_USER", "READ_ONLY", "THIRD_PARTY")) {
            var user = users.createUser(new NewUser()
                    .firstName("Client")
                    .lastName(role)
                    .email(TestData.email("client-" + role.toLowerCase()))
                    .role(role)
                    .groupIds(role.equals("GROUP_USER") ? java.util.Set.of(group.getId()) : null));
            assertThat(user.getRole().getValue()).isEqualTo(role);
            assertThat(user.getGroupIds()).isEqualTo(role.equals("GROUP_USER") ? List.of(group.getId()) : List.of());
        }
        String secret = "client-secret-" + UUID.randomUUID();
        var machine = users.createUser(new NewUser()
                .role("API_USER")
                .clientIdSuffix("gen" + (System.nanoTime() % 100000))
                .clientSecret(secret));
        ApiClient apiUser = signIn(machine.getClientId(), secret);
        assertThat(users.listUsers(null, null, 0, 50, "name").getTotal()).isEqualTo(7);

        // SIMs: filters, a group, an action
        var machineSims = new SimsApi(apiUser);
        assertThat(machineSims
                        .listSims(iccids.get(0), null, null, null, null, null, null, 0, 10, null)
                        .getItems())
                .extracting(s -> s.getIccid())
                .containsExactly(iccids.get(0));
        assertThat(sims.listSims(
                                null,
                                null,
                                null,
                                null,
                                iotconsole.client.model.SimState.ACTIVE,
                                null,
                                null,
                                0,
                                2,
                                "-iccid")
                        .getTotal())
                .isEqualTo(6);
        sims.changeSim(iccids.get(1), new SimChanges().groupId(group.getId()).label("meter 1"));
        assertThat(sims.listSims(null, null, null, null, null, group.getId(), null, 0, 10, null)
                        .getItems())
                .extracting(s -> s.getIccid())
                .containsExactly(iccids.get(1));
        assertThat(sims.sendSms(iccids.get(1), new Sms().text("ping"), null).getAccepted())
                .isTrue();
        assertThat(Files.readString(sims.exportSims(null, null, null, "meter", null, null, null)
                        .toPath()))
                .contains(iccids.get(1));

        // customers
        var customers = new CustomersApi(owner);
        var customer = customers.createCustomer(
                new NewCustomer().firstName("Cora").lastName("Customer").email(TestData.email("client-customer")));
        assertThat(customers.searchCustomers("cora", null, 0, 10, null).getItems())
                .extracting(c -> c.getId())
                .containsExactly(customer.getId());
        assertThat(customers
                        .updateCustomer(customer.getId(), new CustomerChanges().lastName("Client"))
                        .getFirstName())
                .isEqualTo("Cora");
        assertThat(customers.disableCustomer(customer.getId()).getStatus().getValue())
                .isEqualTo("DISABLED");
        assertThat(customers.enableCustomer(customer.getId()).getStatus().getValue())
                .isEqualTo("ENABLED");
        String devices = Files.readString(customers.getDevicesTemplate().toPath()) + "Home,1 Main St,Meter,SN-"
                + UUID.randomUUID() + ",M1," + iccids.get(2) + "\n";
        var dryRun = customers.importDevices(customer.getId(), devices, true);
        assertThat(dryRun.getValid()).isTrue();
        assertThat(dryRun.getWritten()).isZero();
        assertThat(customers.importDevices(customer.getId(), devices, false).getWritten())
                .isEqualTo(1);
        assertThat(customers.listCustomerDevices(customer.getId(), 0, 10, null).getTotal())
                .isEqualTo(1);

        // an order, fulfilled by the operator, and its invoice
        var order = new OrdersApi(owner).placeOrder(new NewOrder().quantity(2));
        new OrdersApi(operator).fulfilOrder(order.getId(), stock(new ArrayList<>(), 2));
        byte[] pdf = Files.readAllBytes(
                new OrdersApi(owner).getOrderInvoice(order.getId()).toPath());
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

        // a transfer preview, as JSON and as the lines of a file
        var preview = new SimTransfersApi(owner)
                .transferSims(
                        new TransferBody()
                                .toOrganizationId(sub.getId())
                                .ranges(List.of(
                                        new JsonRange().first(iccids.get(3)).last(iccids.get(4)))),
                        true,
                        null,
                        null);
        assertThat(preview.getValid()).isTrue();
        assertThat(preview.getTransferred()).isFalse();
        String text = textTransferPreview(owner, sub.getId(), iccids.get(3) + ";" + iccids.get(4) + "\n");
        assertThat(text).contains("\"valid\":true").contains("\"transferred\":false");

        // the audit log, and an error answer as the document declares it
        assertThat(new AuditEventsApi(owner)
                        .listAuditEvents(null, null, null, null, null, null, 0, 20, null)
                        .getTotal())
                .isPositive();
        assertThatThrownBy(() -> customers.getCustomer(UUID.randomUUID(), null, null, null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
        assertThatThrownBy(() -> new UsersApi(client(null)).getMe())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(401));

        assertThat(proxy().problems()).isEmpty();
        assertThat(proxy().exchanges()).hasSizeGreaterThan(30);
    }

    /** The text form shares its operation with the JSON one; the generated method sends JSON, so this goes raw. */
    private String textTransferPreview(ApiClient owner, UUID to, String lines) throws Exception {
        var request = HttpRequest.newBuilder(
                        URI.create(proxy().baseUrl() + "/api/v1/sim-transfers?toOrganizationId=" + to))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(lines));
        owner.getRequestInterceptor().accept(request);
        var answer = owner.getHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body().replace(" ", "");
    }
}
