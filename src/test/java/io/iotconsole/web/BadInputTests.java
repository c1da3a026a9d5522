package io.iotconsole.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.Api;
import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input is a 400 naming the field, everywhere. The JSON endpoints are read from the OpenAPI document, so that a
 * new endpoint is covered as soon as it is published: each of its fields gets a NUL, a control character, a value far
 * beyond any column, a number, a boolean and an object where text is expected (and text, a fraction or a boolean
 * where a number is); each endpoint gets malformed JSON, a body that is not UTF-8 and an unknown field. Nothing may be
 * written. Then the console's filters and forms, over a real session.
 */
@IntegrationTest
class BadInputTests {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String TOO_LONG = "x".repeat(100_000);
    /** Every table a JSON endpoint of the API or the app writes to. */
    private static final List<String> TABLES = List.of(
            "organization",
            "app_user",
            "customer",
            "sim_order",
            "sim_group",
            "sim_card",
            "network_request",
            "mail_outbox",
            "user_link_token",
            "customer_session",
            "audit_event");

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    /** One field of a request body: its JSON path and its type as the OpenAPI document says. */
    record Field(String path, String type, String format) {}

    record Endpoint(String method, String path, List<Field> fields) {}

    @Test
    void everyJsonEndpointNamesTheFieldOfBadInputAndWritesNothing() {
        var org = data.organization("Json Checks");
        Api owner = org.owner(); // an Owner may call every JSON endpoint of the Management API on its organisation
        UUID userId = data.activeUser(org.owner(), "STANDARD", TestData.email("json"));
        String apiUserId = org.owner()
                .post(
                        "/api/v1/users",
                        Map.of("role", "API_USER", "clientIdSuffix", "json", "clientSecret", "json-machine-secret-1"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        String customerId = io.iotconsole.customer.CustomerTestSupport.create(
                org.owner(), "Jay", "Son", TestData.email("jsoncustomer"));
        String customerEmail = TestData.email("jsonapp");
        String appCustomer =
                io.iotconsole.customer.CustomerTestSupport.create(org.owner(), "App", "User", customerEmail);
        org.owner()
                .post(
                        "/api/v1/customers/" + appCustomer + "/password",
                        Map.of("password", TestData.PASSWORD, "confirmation", TestData.PASSWORD))
                .expect(204);
        // the customer app's own endpoints are called as a signed-in customer, the rest as the Owner
        Api customer = data.api()
                .withToken(data.api()
                        .post(
                                "/app/api/v1/login",
                                Map.of(
                                        "email",
                                        customerEmail,
                                        "password",
                                        TestData.PASSWORD,
                                        "accountNumber",
                                        org.accountNumber()))
                        .expect(200)
                        .json()
                        .get("token")
                        .asString());
        JsonNode doc = data.api().get("/v3/api-docs").expect(200).json();
        List<Endpoint> endpoints = jsonEndpoints(doc);
        assertThat(endpoints)
                .extracting(e -> e.method() + " " + e.path())
                .contains(
                        "POST /api/v1/orders",
                        "POST /api/v1/users",
                        "PATCH /api/v1/users/{id}",
                        "POST /api/v1/organizations",
                        "POST /api/v1/customers",
                        "POST /api/v1/sims/{iccid}/sms",
                        "POST /api/v1/sim-transfers",
                        "POST /app/api/v1/login");
        int fields = 0;
        int requests = 0;
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint endpoint : endpoints) {
            // an edit checks the fields of an object that exists; elsewhere any id does, the body being refused first
            String id = endpoint.path().startsWith("/api/v1/users/{id}/credential")
                    ? apiUserId
                    : endpoint.path().startsWith("/api/v1/users/{id}")
                            ? userId.toString()
                            : endpoint.path().startsWith("/api/v1/customers/{id}")
                                    ? customerId
                                    : UUID.randomUUID().toString();
            String url = endpoint.path().replace("{id}", id).replace("{iccid}", "8944000000000000001");
            Api operator =
                    endpoint.path().startsWith("/app/api/") && !endpoint.path().endsWith("/login") ? customer : owner;
            long before = rows();
            for (Field field : endpoint.fields()) {
                fields++;
                for (Map.Entry<String, JsonNode> bad : badValues(field).entrySet()) {
                    requests++;
                    String body = JSON.writeValueAsString(bodyWith(field.path(), bad.getValue()));
                    var r = operator.raw(endpoint.method(), url, "application/json", body);
                    String what = endpoint.method() + " " + endpoint.path() + " " + field.path() + " = " + bad.getKey();
                    expectFieldNamed(soft, r, expectedName(field.path()), what);
                }
            }
            requests += 3;
            String where = endpoint.method() + " " + endpoint.path();
            var malformed = operator.raw(endpoint.method(), url, "application/json", "{\n  \"a\": 1,\n}");
            expectFieldNamed(soft, malformed, "body", where + " malformed JSON");
            soft.assertThat(malformed.body())
                    .as(where + " malformed JSON says where")
                    .contains("line 3, column");
            byte[] latin1 = ("{\"" + endpoint.fields().get(0).path().split("[.\\[]")[0] + "\": \"Müller\"}")
                    .getBytes(StandardCharsets.ISO_8859_1);
            var notUtf8 = operator.raw(endpoint.method(), url, "application/json", latin1);
            soft.assertThat(notUtf8.status())
                    .as(where + " not UTF-8: " + notUtf8.body())
                    .isEqualTo(400);
            soft.assertThat(notUtf8.body()).as(where + " not UTF-8").contains("Not UTF-8");
            expectFieldNamed(
                    soft,
                    operator.raw(endpoint.method(), url, "application/json", "{\"noSuchField\": \"x\"}"),
                    "noSuchField",
                    where + " unknown field");
            soft.assertThat(rows()).as(where + " wrote nothing").isEqualTo(before);
        }
        soft.assertAll();
        assertThat(fields).as("fields covered").isGreaterThan(40);
        assertThat(requests).isGreaterThan(250);
    }

    @Test
    void aQuantityGivenAsTextOrFractionIsRefusedByName() {
        Api owner = data.organization("Typed Orders").owner();
        long before = count("sim_order");
        for (String body : new String[] {"{\"quantity\": \"5\"}", "{\"quantity\": 5.5}", "{\"quantity\": true}"}) {
            var r = owner.raw("POST", "/api/v1/orders", "application/json", body)
                    .expect(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.fieldError("quantity")).as(body).startsWith("Expected a whole number");
            assertThat(r.body()).doesNotContain("Failed to read request");
        }
        assertThat(owner.raw("POST", "/api/v1/orders", "application/json", "")
                        .expect(400)
                        .fieldError("body"))
                .startsWith("Required");
        assertThat(count("sim_order")).isEqualTo(before);
        assertThat(owner.raw("POST", "/api/v1/orders", "application/json", "{\"quantity\": 5}")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void textWithLineBreaksIsTakenWhereLinesBelongAndRefusedInNames() {
        Api operator = data.operator();
        var name = operator.post(
                        "/api/v1/organizations",
                        Map.of(
                                "name",
                                "Two\nLines",
                                "owner",
                                Map.of("firstName", "A", "lastName", "B", "email", TestData.email("lines"))))
                .expect(400);
        assertThat(name.fieldError("name")).isEqualTo("Must be one line");
        operator.post(
                        "/api/v1/organizations",
                        Map.of(
                                "name",
                                "Lines Ltd",
                                "address",
                                "1 High Street\nLondon",
                                "owner",
                                Map.of("firstName", "A", "lastName", "B", "email", TestData.email("lines"))))
                .expect(201);
    }

    @Test
    void pagesSizesDuplicateKeysAndGrantTypesAreNamed() {
        Api owner = data.organization("Paged Lists").owner();
        for (String list : new String[] {"/api/v1/sims", "/api/v1/customers", "/api/v1/users"}) {
            assertThat(owner.get(list + "?size=abc").expect(400).fieldError("size"))
                    .as(list)
                    .startsWith("Expected");
            assertThat(owner.get(list + "?size=0").expect(400).fieldError("size"))
                    .as(list)
                    .contains("1 to 200");
            assertThat(owner.get(list + "?page=-1").expect(400).fieldError("page"))
                    .as(list)
                    .startsWith("Expected");
            assertThat(owner.get(list + "?page=99999999999").expect(400).fieldError("page"))
                    .as(list)
                    .startsWith("Expected");
            owner.get(list + "?page=0&size=200").expect(200);
        }
        long orders = count("sim_order");
        var twice = owner.raw("POST", "/api/v1/orders", "application/json", "{\"quantity\": 1, \"quantity\": 2}")
                .expect(400);
        assertThat(twice.body()).contains("quantity");
        assertThat(count("sim_order")).isEqualTo(orders);

        for (String form : new String[] {"grant_type=password", "grant_type=", "scope=x"}) {
            var r = data.api().raw("POST", "/api/v1/oauth/token", "application/x-www-form-urlencoded", form);
            assertThat(r.status()).as(form).isEqualTo(400);
            assertThat(r.json().get("error").asString())
                    .as(form)
                    .isEqualTo(form.startsWith("grant_type=password") ? "unsupported_grant_type" : "invalid_request");
        }
    }

    @Test
    void theApiParametersOfTheWrongTypeAreNamed() {
        Api operator = data.operator();
        assertThat(operator.get("/api/v1/users/not-an-id").expect(400).fieldError("id"))
                .startsWith("Expected an id (UUID)");
        assertThat(operator.get("/api/v1/orders?organizationId=bad").expect(400).fieldError("organizationId"))
                .startsWith("Expected an id (UUID)");
        assertThat(operator.get("/api/v1/orders?page=x").expect(400).fieldError("page"))
                .startsWith("Expected a whole number");
        assertThat(operator.get("/api/v1/audit-events?outcome=bad").expect(400).fieldError("outcome"))
                .contains("SUCCESS");
        assertThat(operator.get("/api/v1/audit-events?from=bad").expect(400).fieldError("from"))
                .contains("date");
        assertThat(operator.get("/api/v1/audit-events?organizationId=bad")
                        .expect(400)
                        .fieldError("organizationId"))
                .startsWith("Expected an id (UUID)");
        Api owner = data.organization("Typed Parameters").owner();
        assertThat(owner.get("/api/v1/sims?state=bad").expect(400).fieldError("state"))
                .contains("ACTIVE");
        assertThat(owner.get("/api/v1/orders?status=bad").expect(400).fieldError("status"))
                .contains("OPEN");
        assertThat(owner.get("/api/v1/sims?label=a%00b").expect(400).fieldError("label"))
                .isEqualTo("Contains control characters");
        assertThat(operator.get("/api/v1/customers?q=" + "y".repeat(2000))
                        .expect(400)
                        .fieldError("q"))
                .startsWith("Must be at most");
        assertThat(operator.post("/api/v1/sim-transfers?dryRun=maybe", Map.of("ranges", List.of()))
                        .expect(400)
                        .fieldError("dryRun"))
                .startsWith("Expected true or false");
    }

    @Test
    void csvEndpointsRefuseControlCharactersAndOtherEncodingsByRow() {
        Api operator = data.operator();
        var org = data.organization("Csv Checks");
        long before = count("sim_card");
        var nul = operator.raw(
                        "POST",
                        "/api/v1/organizations/" + org.id() + "/sims/import",
                        "text/csv",
                        "iccid,imsi,msisdn\n8944000000000000\u00001,234150000000001,447700900001\n")
                .expect(400);
        assertThat(nul.body()).contains("\"row\":2").doesNotContain("Failed to read request");
        var latin1 = org.owner()
                .raw(
                        "POST",
                        "/api/v1/sim-transfers?toOrganizationId="
                                + data.subOrganization(org, "Csv Sub").id(),
                        "text/csv",
                        "8944000000000000001;8944000000000000002 é\n".getBytes(StandardCharsets.ISO_8859_1))
                .expect(200);
        assertThat(latin1.body()).contains("not UTF-8");
        assertThat(count("sim_card")).isEqualTo(before);
        String customer = io.iotconsole.customer.CustomerTestSupport.create(
                org.owner(), "Devi", "Ces", TestData.email("devices"));
        long devices = count("device");
        var upload = org.owner()
                .raw(
                        "POST",
                        "/api/v1/customers/" + customer + "/devices/import",
                        "text/csv",
                        "location_name,location_address,device_name,serial_number,model,iccid\n"
                                + "Home,,Pump\u0000One,SN-1,,\n")
                .expect(400);
        assertThat(upload.body()).contains("\"row\":2", "Contains control characters");
        assertThat(count("device")).isEqualTo(devices);
    }

    @Test
    void theCustomerAppSignInTakesAHugeOrNulEmailAsWrong() {
        var org = data.organization("Huge Sign-in");
        String huge = "a".repeat(100_000) + "@example.test";
        var api = data.api();
        assertThat(api.post(
                                "/app/api/v1/login",
                                Map.of(
                                        "email",
                                        huge,
                                        "password",
                                        "whatever-password",
                                        "accountNumber",
                                        org.accountNumber()))
                        .expect(400)
                        .fieldError("email"))
                .startsWith("Must be at most 254");
        assertThat(api.post(
                                "/app/api/v1/login",
                                Map.of(
                                        "email",
                                        "a\u0000@x.test",
                                        "password",
                                        "pw",
                                        "accountNumber",
                                        org.accountNumber()))
                        .expect(400)
                        .fieldError("email"))
                .isEqualTo("Contains control characters");
        var app = new ConsoleSession(data.baseUrl());
        for (String email : new String[] {huge, "nul\u0000@example.test"}) {
            var page = app.submit(
                    "/app/login",
                    "/app/login",
                    Map.of("account", org.accountNumber(), "email", email, "password", "whatever-password"));
            assertThat(page.status()).as("app sign-in").isEqualTo(401);
            assertThat(page.body()).contains("Wrong e-mail, password or account number.");
        }
        var account = app.submit(
                "/app/login",
                "/app/login",
                Map.of("account", "1\u00002", "email", "x@example.test", "password", "whatever-password"));
        assertThat(account.status()).isEqualTo(401);
        var console = new ConsoleSession(data.baseUrl());
        for (String email : new String[] {huge, "nul\u0000@example.test"}) {
            var signIn = console.signIn(email, "whatever-password");
            assertThat(signIn.status()).as("console sign-in").isEqualTo(302);
            assertThat(signIn.location()).contains("/login?error");
        }
        // (100 kB would not fit in a request header: the token endpoint gets the longest name a header carries)
        assertThat(data.api()
                        .tokenResponse("a".repeat(4000) + "\u0000@x.test", "x")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void consoleFiltersWithABadValueAnswerA400PageNamingTheFilter() {
        var org = data.organization("Filter Checks");
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        var operator = data.console(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/audit?outcome=bad", "outcome");
        pages.put("/audit?from=bad", "from");
        pages.put("/audit?to=2026-13-45", "to");
        pages.put("/audit?actor=a%00b", "actor");
        pages.put("/audit/export.csv?outcome=bad", "outcome");
        pages.put("/audit?organizationId=nope", "organizationId");
        pages.put("/sims?state=bad", "state");
        pages.put("/sims?sort=bad", "sort");
        pages.put("/sims?groupId=bad", "groupId");
        pages.put("/sims?label=" + "z".repeat(1500), "label");
        pages.put("/sims/export.csv?iccid=1%07", "iccid");
        pages.put("/customers?q=%00", "q");
        pages.put("/users?org=bad", "org");
        pages.put("/orders?status=bad", "status");
        pages.put("/users/not-an-id/edit", "id");
        for (var p : pages.entrySet()) {
            for (var session : List.of(owner, operator)) {
                var page = session.get(p.getKey());
                assertThat(page.status()).as(p.getKey() + " " + page.body()).isEqualTo(400);
                assertThat(page.body()).as(p.getKey()).contains("Invalid input", p.getValue() + ":");
            }
        }
    }

    @Test
    void consoleFormsKeepWhatWasTypedAndNameTheField() {
        var org = data.organization("Form Checks");
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        long customers = count("customer");
        var customer = owner.submit(
                "/customers/new",
                "/customers",
                Map.of("firstName", "Typed\u0000Name", "lastName", "L".repeat(101), "email", "nul\u0000@example.test"));
        assertThat(customer.status()).isEqualTo(200);
        assertThat(customer.body())
                .contains("value=\"" + "L".repeat(101) + "\"")
                .contains("Contains control characters")
                .contains("Must be at most 100 characters")
                .contains("Enter a valid e-mail address");
        assertThat(count("customer")).isEqualTo(customers);

        long users = count("app_user");
        var user = owner.submit(
                "/users/new",
                "/users",
                Map.of(
                        "firstName",
                        "Ann\nMarie",
                        "lastName",
                        "Kept Lastname",
                        "email",
                        TestData.email("form") + "\u0007",
                        "role",
                        "STANDARD",
                        "description",
                        "two\nlines are fine",
                        "organizationId",
                        org.id().toString()));
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.body())
                .contains("Kept Lastname")
                .contains("Must be one line")
                .contains("Enter a valid e-mail address");
        assertThat(count("app_user")).isEqualTo(users);

        var orgs = count("organization");
        var operator = data.console(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
        var organization = operator.submit(
                "/organizations/new",
                "/organizations",
                Map.of(
                        "name",
                        "Nul\u0000Org",
                        "address",
                        "A".repeat(501),
                        "ownerFirstName",
                        "Olive",
                        "ownerLastName",
                        "Owner",
                        "ownerEmail",
                        TestData.email("orgform")));
        assertThat(organization.status()).as(organization.body()).isEqualTo(200);
        assertThat(organization.body()).contains("Contains control characters", "Must be at most 500 characters");
        assertThat(count("organization")).isEqualTo(orgs);
    }

    private static void expectFieldNamed(SoftAssertions soft, Api.Response r, String field, String what) {
        soft.assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(400);
        if (r.status() != 400) {
            return;
        }
        soft.assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        soft.assertThat(r.fieldError(field))
                .as(what + " names " + field + ": " + r.body())
                .isNotBlank();
        soft.assertThat(r.body()).as(what).doesNotContain("Failed to read request");
    }

    /** The bad values for a field of this type, by name. */
    private static Map<String, JsonNode> badValues(Field field) {
        Map<String, JsonNode> bad = new LinkedHashMap<>();
        switch (field.type()) {
            case "integer", "number" -> {
                bad.put("text", NODES.stringNode("5"));
                bad.put("fraction", NODES.numberNode(5.5));
                bad.put("boolean", NODES.booleanNode(true));
                bad.put("object", NODES.objectNode());
            }
            case "boolean" -> {
                bad.put("text", NODES.stringNode("true"));
                bad.put("number", NODES.numberNode(1));
                bad.put("object", NODES.objectNode());
            }
            default -> {
                bad.put("NUL", NODES.stringNode("a\u0000b"));
                bad.put("control character", NODES.stringNode("a\u001bb"));
                bad.put("too long", NODES.stringNode(TOO_LONG));
                bad.put("number", NODES.numberNode(42));
                bad.put("boolean", NODES.booleanNode(true));
                bad.put("object", NODES.objectNode());
            }
        }
        return bad;
    }

    /** {@code owner.email} → {"owner": {"email": v}}; {@code ranges[].first} → {"ranges": [{"first": v}]}. */
    private static ObjectNode bodyWith(String path, JsonNode value) {
        ObjectNode root = NODES.objectNode();
        ObjectNode at = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean list = part.endsWith("[]");
            String name = list ? part.substring(0, part.length() - 2) : part;
            boolean last = i == parts.length - 1;
            if (last && list) {
                at.putArray(name).add(value);
            } else if (last) {
                at.set(name, value);
            } else if (list) {
                ObjectNode element = NODES.objectNode();
                at.putArray(name).add(element);
                at = element;
            } else {
                at = at.putObject(name);
            }
        }
        return root;
    }

    private static String expectedName(String path) {
        return path.replace("[]", "[0]");
    }

    /** The request bodies of the OpenAPI document that take JSON, with their fields (nested ones by path). */
    private static List<Endpoint> jsonEndpoints(JsonNode doc) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (var path : doc.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                JsonNode schema = operation
                        .getValue()
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                if (schema.isMissingNode()) {
                    continue;
                }
                List<Field> fields = new ArrayList<>();
                collect(doc, schema, "", fields, 0);
                if (!fields.isEmpty()) {
                    endpoints.add(new Endpoint(operation.getKey().toUpperCase(), path.getKey(), fields));
                }
            }
        }
        return endpoints;
    }

    private static void collect(JsonNode doc, JsonNode schema, String prefix, List<Field> out, int depth) {
        JsonNode resolved = resolve(doc, schema);
        if (depth > 4) {
            return;
        }
        for (var property : resolved.path("properties").properties()) {
            String name = prefix + property.getKey();
            JsonNode p = resolve(doc, property.getValue());
            String type = p.path("type").asString("object");
            if (type.equals("array")) {
                JsonNode items = resolve(doc, p.path("items"));
                if (items.path("properties").isObject()) {
                    collect(doc, items, name + "[].", out, depth + 1);
                } else {
                    out.add(new Field(
                            name + "[]",
                            items.path("type").asString("string"),
                            items.path("format").asString("")));
                }
            } else if (type.equals("object") && p.path("properties").isObject()) {
                collect(doc, p, name + ".", out, depth + 1);
            } else {
                out.add(new Field(name, type, p.path("format").asString("")));
            }
        }
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            return doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    private long rows() {
        long total = 0;
        for (String table : TABLES) {
            total += count(table);
        }
        return total;
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
