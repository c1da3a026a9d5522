package io.iotconsole.authz;

import io.iotconsole.customer.CustomerTestSupport;
import io.iotconsole.security.Role;
import io.iotconsole.sim.SimInventoryTestSupport;
import io.iotconsole.support.Api;
import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.TestData;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The organisations, users, objects and callers of the access matrix: top-level organisations A and B, A's
 * sub-organisation A1, a user of every role in A, an Owner and an Admin in A1, in A and A1 a SIM group with one of
 * the two SIMs, a customer with a device, an open order, an invited user, a refused device upload with its report, a
 * refused stock import with its report, a webhook endpoint with a delivery,
 * and a customer of A signed in to the app.
 */
final class MatrixFixtures {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_ATTRIBUTE = Pattern.compile("data-csrf-token=\"([^\"]+)\"");
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Map<UUID, UUID> API_USERS = new java.util.concurrent.ConcurrentHashMap<>();
    /** A loopback address where nothing listens: webhook tries fail at once, and stay in the log. */
    static final String UNREACHABLE_HOOK = "http://127.0.0.1:9/hooks";
    /** A customer app's address ({@code /app/<address>/...}), with a logo. */
    private static volatile String appAddress = "";

    /** The objects of one organisation that path variables are filled with. */
    record Target(
            String label,
            UUID organization,
            UUID organizationRoute,
            String sim,
            boolean simInCallersGroups,
            UUID group,
            UUID customer,
            UUID order,
            UUID user,
            UUID upload,
            UUID report,
            UUID stockUpload,
            UUID stockReport,
            UUID transferUpload,
            UUID transferReport,
            UUID webhook,
            UUID webhookDelivery,
            Api owner) {
        Target withOrganizationRoute(UUID id) {
            return new Target(
                    label,
                    organization,
                    id,
                    sim,
                    simInCallersGroups,
                    group,
                    customer,
                    order,
                    user,
                    upload,
                    report,
                    stockUpload,
                    stockReport,
                    transferUpload,
                    transferReport,
                    webhook,
                    webhookDelivery,
                    owner);
        }

        Target withSimOutsideGroups(String otherSim) {
            return new Target(
                    label,
                    organization,
                    organizationRoute,
                    otherSim,
                    false,
                    group,
                    customer,
                    order,
                    user,
                    upload,
                    report,
                    stockUpload,
                    stockReport,
                    transferUpload,
                    transferReport,
                    webhook,
                    webhookDelivery,
                    owner);
        }

        /** The address of a customer app (public addresses: any app will do). */
        String appAddress() {
            return appAddress;
        }

        /** A Standard user nobody else's case needs, for the calls that delete one. */
        UUID freshUser() {
            return UUID.fromString(owner.post(
                            "/api/v1/users",
                            Map.of(
                                    "firstName",
                                    "Spare",
                                    "lastName",
                                    "User",
                                    "email",
                                    TestData.email("spare"),
                                    "role",
                                    "STANDARD"))
                    .expect(201)
                    .json()
                    .get("id")
                    .asString());
        }

        /** An API user of the organisation, for the calls on an API user's credential (made once per organisation). */
        UUID apiUser() {
            return API_USERS.computeIfAbsent(
                    organization,
                    o -> UUID.fromString(owner.post(
                                    "/api/v1/users",
                                    Map.of(
                                            "role",
                                            "API_USER",
                                            "clientIdSuffix",
                                            "cred" + SEQ.incrementAndGet(),
                                            "clientSecret",
                                            "matrix-machine-secret-" + SEQ.incrementAndGet()))
                            .expect(201)
                            .json()
                            .get("id")
                            .asString()));
        }

        /** A webhook endpoint nobody else's case needs, for the calls that delete one. */
        UUID freshWebhook() {
            return UUID.fromString(owner.post(
                            "/api/v1/webhooks", Map.of("url", UNREACHABLE_HOOK, "eventTypes", List.of("order.placed")))
                    .expect(201)
                    .json()
                    .get("endpoint")
                    .get("id")
                    .asString());
        }

        /** A SIM group nobody else's case needs, for the calls that delete one. */
        UUID freshGroup() {
            return UUID.fromString(owner.post("/api/v1/groups", Map.of("name", "Spare " + SEQ.incrementAndGet()))
                    .expect(201)
                    .json()
                    .get("id")
                    .asString());
        }
    }

    /** How the caller stands to the organisation whose ids it uses. */
    enum Relation {
        /** Its own organisation (the operator's is every one). */
        OWN,
        /** The caller's organisation is the target's parent: it sees the sub-organisation, none of its data. */
        PARENT,
        /** Any other: another top-level organisation, or a sub-organisation against its parent. */
        OTHER
    }

    /** Someone calling: a console session, a Management API token and an app session, as far as they have any. */
    static final class Caller {
        final String name;
        final @Nullable Role role;
        final boolean customer;
        final Target target;
        final Relation relation;
        final HttpClient http;
        boolean consoleSignedIn;
        String consoleCsrf = "";
        String appCsrf = "";

        @Nullable
        String apiToken;

        @Nullable
        String appToken;

        Caller(String name, @Nullable Role role, boolean customer, Target target, Relation relation) {
            this.name = name;
            this.role = role;
            this.customer = customer;
            this.target = target;
            this.relation = relation;
            this.http = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Answer(int status, String location, String challenge, String contentType, String body) {
        @Override
        public String toString() {
            return status + (location.isEmpty() ? "" : " → " + location) + " "
                    + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    final TestData data;
    final String base;
    final List<Caller> callers = new ArrayList<>();
    final Map<Role, String> emails = new HashMap<>();
    String apiUserClientId = "";
    String apiUserSecret = "";

    MatrixFixtures(TestData data) {
        this.data = data;
        this.base = data.baseUrl();
        build();
    }

    private void build() {
        TestData.Org a = data.organization("Matrix A");
        TestData.Org b = data.organization("Matrix B");
        TestData.Org a1 = data.subOrganization(a, "Matrix A1");
        Target inA = objects("A", a).withOrganizationRoute(a1.id());
        Target inA1 = objects("A1", a1).withOrganizationRoute(a1.id());
        // the customer app addresses ({slug}) are public: they name an app of its own, with a logo, whose settings no
        // caller's call changes (A's and A1's Owners and Admins save their own app's settings with empty forms)
        TestData.Org app = data.organization("Matrix App");
        appAddress = "matrix-" + app.accountNumber();
        CustomerTestSupport.brandApp(data.jdbc(), app.id(), appAddress);

        emails.put(Role.OWNER, a.ownerEmail());
        for (Role role : List.of(Role.ADMIN, Role.STANDARD, Role.READ_ONLY, Role.THIRD_PARTY)) {
            String email = TestData.email(role.name().toLowerCase());
            data.activeUser(a.owner(), role.name(), email);
            emails.put(role, email);
        }
        String groupUser = TestData.email("group");
        a.owner()
                .post(
                        "/api/v1/users",
                        Map.of(
                                "firstName",
                                "Gus",
                                "lastName",
                                "Group",
                                "email",
                                groupUser,
                                "role",
                                "GROUP_USER",
                                "groupIds",
                                List.of(inA.group().toString())))
                .expect(201);
        data.activate(groupUser, TestData.PASSWORD);
        emails.put(Role.GROUP_USER, groupUser);
        apiUserSecret = "matrix-machine-secret-" + SEQ.incrementAndGet();
        apiUserClientId = a.owner()
                .post(
                        "/api/v1/users",
                        Map.of(
                                "role",
                                "API_USER",
                                "clientIdSuffix",
                                "matrix" + SEQ.incrementAndGet(),
                                "clientSecret",
                                apiUserSecret))
                .expect(201)
                .json()
                .get("clientId")
                .asString();

        for (Role role : Role.organizationRoles()) {
            Caller c = new Caller(role.label() + " of A", role, false, inA, Relation.OWN);
            if (role == Role.API_USER) {
                signIn(c, apiUserClientId, apiUserSecret);
            } else {
                signIn(c, emails.get(role), TestData.PASSWORD);
            }
            callers.add(c);
        }
        Caller operator = new Caller("the platform operator", Role.OPERATOR, false, inA, Relation.OWN);
        signIn(operator, TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
        callers.add(operator);

        Caller groupOutside = new Caller(
                "Group user of A with a SIM outside its groups",
                Role.GROUP_USER,
                false,
                inA.withSimOutsideGroups(otherSim(a.id(), inA.sim())),
                Relation.OWN);
        signIn(groupOutside, groupUser, TestData.PASSWORD);
        callers.add(groupOutside);

        Caller otherOwner = new Caller("Owner of B with A's ids", Role.OWNER, false, inA, Relation.OTHER);
        signIn(otherOwner, b.ownerEmail(), TestData.PASSWORD);
        callers.add(otherOwner);

        Target parentsIds = inA.withOrganizationRoute(a.id());
        Caller subOwner =
                new Caller("Owner of A1 with its parent A's ids", Role.OWNER, false, parentsIds, Relation.OTHER);
        signIn(subOwner, a1.ownerEmail(), TestData.PASSWORD);
        callers.add(subOwner);
        String subAdmin = TestData.email("subadmin");
        data.activeUser(a1.owner(), "ADMIN", subAdmin);
        Caller subAdminCaller =
                new Caller("Admin of A1 with its parent A's ids", Role.ADMIN, false, parentsIds, Relation.OTHER);
        signIn(subAdminCaller, subAdmin, TestData.PASSWORD);
        callers.add(subAdminCaller);

        Caller parentOwner =
                new Caller("Owner of A with its sub-organisation A1's ids", Role.OWNER, false, inA1, Relation.PARENT);
        signIn(parentOwner, a.ownerEmail(), TestData.PASSWORD);
        callers.add(parentOwner);

        String customerEmail = TestData.email("appcustomer");
        String customerId = CustomerTestSupport.create(a.owner(), "Cleo", "Customer", customerEmail);
        a.owner()
                .post("/api/v1/customers/" + customerId + "/password", Map.of("password", TestData.PASSWORD))
                .expect(204);
        Caller customer = new Caller("a customer of A in the app", null, true, inA, Relation.OWN);
        anonymousPages(customer);
        customer.appToken = data.api()
                .post(
                        "/app/api/v1/login",
                        Map.of(
                                "email",
                                customerEmail,
                                "password",
                                TestData.PASSWORD,
                                "accountNumber",
                                a.accountNumber()))
                .expect(200)
                .json()
                .get("token")
                .asString();
        callers.add(customer);

        Caller anonymous = new Caller("nobody signed in", null, false, inA, Relation.OWN);
        anonymousPages(anonymous);
        callers.add(anonymous);
    }

    /** The organisation's objects, made through its Owner. */
    private Target objects(String label, TestData.Org org) {
        List<String> sims = SimInventoryTestSupport.stock(data, org.id(), 2, 19);
        UUID group = UUID.fromString(org.owner()
                .post("/api/v1/groups", Map.of("name", "Team " + label))
                .expect(201)
                .json()
                .get("id")
                .asString());
        org.owner()
                .patch("/api/v1/sims/" + sims.get(0), Map.of("groupId", group))
                .expect(200);
        String customerEmail = TestData.email("customer" + label.toLowerCase());
        String customer = CustomerTestSupport.create(org.owner(), "Tess", "Target", customerEmail);
        CustomerTestSupport.devices(org.owner(), customer, "Home,,Meter,SN-" + label + ",M," + sims.get(1) + "\n");
        UUID order = UUID.fromString(org.owner()
                .post("/api/v1/orders", Map.of("quantity", 5))
                .expect(201)
                .json()
                .get("id")
                .asString());
        UUID user = UUID.fromString(org.owner()
                .post(
                        "/api/v1/users",
                        Map.of(
                                "firstName",
                                "Tom",
                                "lastName",
                                "Target",
                                "email",
                                TestData.email("target" + label.toLowerCase()),
                                "role",
                                "STANDARD"))
                .expect(201)
                .json()
                .get("id")
                .asString());
        ConsoleSession owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        String location = owner.upload(
                        "/customers/devices/upload",
                        "/customers/devices/upload?email=" + URLEncoder.encode(customerEmail, StandardCharsets.UTF_8),
                        "file",
                        "devices.csv",
                        "location_name,location_address,device_name,serial_number,model,iccid\nHome,,Meter,,M,\n")
                .location();
        Matcher job =
                Pattern.compile("/customers/devices/uploads/([0-9a-f-]{36})").matcher(location);
        if (!job.find()) {
            throw new AssertionError("The upload did not start: " + location);
        }
        UUID upload = UUID.fromString(job.group(1));
        UUID report = reportOf(upload);
        String stockLocation = data.console(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD)
                .upload(
                        "/sims/stock/import",
                        "/sims/stock/import?organizationId=" + org.id(),
                        "file",
                        "stock.csv",
                        "iccid,imsi,msisdn\n1,2,3\n")
                .location();
        Matcher stockJob =
                Pattern.compile("/sims/stock/imports/([0-9a-f-]{36})").matcher(stockLocation);
        if (!stockJob.find()) {
            throw new AssertionError("The stock import did not start: " + stockLocation);
        }
        UUID stockUpload = UUID.fromString(stockJob.group(1));
        UUID stockReport = reportOf(stockUpload);
        UUID transferUpload = UUID.randomUUID();
        UUID transferReport = UUID.randomUUID();
        data.jdbc()
                .sql("INSERT INTO upload_report (id, organization_id, content) VALUES (:id, :org, :csv)")
                .param("id", transferReport)
                .param("org", org.id())
                .param("csv", "row,column,problem\n2,last,Trailing ';'\n")
                .update();
        data.jdbc()
                .sql("""
                        INSERT INTO upload_job (id, kind, organization_id, subject_id, subject_label, status, phase,
                            file_name, file_size, bytes_read, rows_read, problems, report_id, finished_at)
                        VALUES (:id, 'TRANSFER', :org, :org, 'A refused range file', 'REFUSED', 'REFUSED',
                            'ranges.csv', 10, 10, 2, 1, :report, now())""")
                .param("id", transferUpload)
                .param("org", org.id())
                .param("report", transferReport)
                .update();
        UUID webhook = UUID.fromString(org.owner()
                .post("/api/v1/webhooks", Map.of("url", UNREACHABLE_HOOK, "eventTypes", List.of("order.placed")))
                .expect(201)
                .json()
                .get("endpoint")
                .get("id")
                .asString());
        org.owner().post("/api/v1/webhooks/" + webhook + "/ping").expect(202);
        UUID webhookDelivery = data.jdbc()
                .sql("SELECT id FROM webhook_delivery WHERE endpoint_id = :id")
                .param("id", webhook)
                .query(UUID.class)
                .single();
        return new Target(
                label,
                org.id(),
                org.id(),
                sims.get(0),
                true,
                group,
                UUID.fromString(customer),
                order,
                user,
                upload,
                report,
                stockUpload,
                stockReport,
                transferUpload,
                transferReport,
                webhook,
                webhookDelivery,
                org.owner());
    }

    private UUID reportOf(UUID upload) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var report = data.jdbc()
                    .sql("SELECT report_id FROM upload_job WHERE id = :id AND status = 'REFUSED'")
                    .param("id", upload)
                    .query(UUID.class)
                    .optional();
            if (report.isPresent()) {
                return report.get();
            }
            TestData.sleep(100);
        }
        throw new AssertionError("The refused upload has no report");
    }

    private String otherSim(UUID organization, String grouped) {
        return data.jdbc()
                .sql("SELECT iccid FROM sim_card WHERE organization_id = :org AND iccid <> :grouped ORDER BY iccid"
                        + " LIMIT 1")
                .param("org", organization)
                .param("grouped", grouped)
                .query(String.class)
                .single();
    }

    /** A console session and an app page visited, for their CSRF tokens; a Management API token where allowed. */
    private void signIn(Caller c, String login, String password) {
        anonymousPages(c);
        Answer signedIn = send(
                c,
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("email=" + enc(login) + "&password=" + enc(password)
                                + "&_csrf=" + enc(c.consoleCsrf))));
        c.consoleSignedIn = signedIn.status() == 302 && !signedIn.location().contains("/login");
        if (c.consoleSignedIn) {
            Answer dashboard = send(
                    c, HttpRequest.newBuilder(URI.create(base + "/profile")).GET());
            c.consoleCsrf = csrf(dashboard.body(), "/profile");
        } else {
            anonymousPages(c);
        }
        Api.Response token = data.api().tokenResponse(login, password);
        c.apiToken = token.status() == 200 ? token.json().get("access_token").asString() : null;
    }

    private void anonymousPages(Caller c) {
        c.consoleCsrf = csrf(
                send(c, HttpRequest.newBuilder(URI.create(base + "/login")).GET())
                        .body(),
                "/login");
        c.appCsrf = csrf(
                send(c, HttpRequest.newBuilder(URI.create(base + "/app/login")).GET())
                        .body(),
                "/app/login");
    }

    private static String csrf(String page, String where) {
        Matcher m = CSRF.matcher(page);
        if (m.find()) {
            return m.group(1);
        }
        m = CSRF_ATTRIBUTE.matcher(page);
        if (m.find()) {
            return m.group(1);
        }
        throw new AssertionError("No CSRF token on " + where);
    }

    Answer send(Caller c, HttpRequest.Builder request) {
        try {
            HttpResponse<String> r =
                    c.http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    r.statusCode(),
                    r.headers().firstValue("Location").orElse(""),
                    r.headers().firstValue("WWW-Authenticate").orElse(""),
                    r.headers().firstValue("Content-Type").orElse(""),
                    r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
