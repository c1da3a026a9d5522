package io.iotconsole.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.customer.CustomerTestSupport;
import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every console list sorts by each of its columns both ways, in the order the database gives for the same rows,
 * keeps its filters while sorting and paging, and names a bad sort or page size.
 */
@IntegrationTest
class ListSortingTests {
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"");

    @Autowired
    TestData data;

    /** A list page and how to read the order of its rows and of the same rows in SQL. */
    private record ListUnderTest(
            ConsoleSession session,
            String path,
            Pattern rowKey,
            String sql,
            Map<String, Object> params,
            String tieBreak) {

        List<String> rows(String query) {
            var page = session.get(path + (path.contains("?") ? "&" : "?") + query);
            assertThat(page.status()).as(query + " " + page.body()).isEqualTo(200);
            return keys(page.body());
        }

        List<String> keys(String body) {
            Matcher m = rowKey.matcher(body);
            List<String> keys = new ArrayList<>();
            while (m.find()) {
                keys.add(m.group(1));
            }
            return keys;
        }
    }

    private List<String> truth(ListUnderTest list, String column, boolean descending) {
        String order = descending
                ? Arrays.stream(column.split(",\\s*")).map(c -> c + " DESC").collect(Collectors.joining(", "))
                : column;
        return data.jdbc()
                .sql(list.sql() + " ORDER BY " + order + (list.tieBreak().isEmpty() ? "" : ", " + list.tieBreak()))
                .params(list.params())
                .query(String.class)
                .list();
    }

    /** Each column, both ways: the rows in the database's order, and the header says which way it is sorted. */
    private void sortsEveryColumnBothWays(ListUnderTest list, Map<String, String> columns) {
        for (var column : columns.entrySet()) {
            for (boolean descending : new boolean[] {false, true}) {
                String sort = (descending ? "-" : "") + column.getKey();
                var page = list.session()
                        .get(list.path() + (list.path().contains("?") ? "&" : "?") + "size=200&sort=" + sort);
                assertThat(page.status()).as(sort).isEqualTo(200);
                List<String> expected = truth(list, column.getValue(), descending);
                assertThat(expected).as("enough rows to tell orders apart").hasSizeGreaterThan(2);
                assertThat(list.keys(page.body()))
                        .as(list.path() + " sorted by " + sort)
                        .isEqualTo(expected);
                assertThat(page.body())
                        .as("one header tells the order")
                        .containsOnlyOnce("aria-sort=\"" + (descending ? "descending" : "ascending") + "\"")
                        .doesNotContain("aria-sort=\"" + (descending ? "ascending" : "descending") + "\"");
            }
        }
    }

    private static void refusesBadSortAndSize(ConsoleSession session, String path) {
        String sep = path.contains("?") ? "&" : "?";
        for (String[] bad : new String[][] {
            {"sort=nope", "sort"}, {"sort=-", "sort"}, {"size=201", "size"}, {"size=0", "size"}, {"size=x", "size"}
        }) {
            var page = session.get(path + sep + bad[0]);
            assertThat(page.status()).as(path + " " + bad[0]).isEqualTo(400);
            assertThat(page.body()).as(path + " " + bad[0]).contains("Invalid input", bad[1] + ":");
        }
    }

    /** Pages of two through the whole list: each page is the next slice of the database's order, filters kept. */
    private static void pagesKeepTheFilterAndSort(ListUnderTest list, String query, List<String> expected) {
        String path = list.path() + (list.path().contains("?") ? "&" : "?") + query + "&size=2";
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 50 && path != null; i++) {
            var page = list.session().get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            List<String> rows = list.keys(page.body());
            assertThat(rows.size()).as(path).isLessThanOrEqualTo(2);
            seen.addAll(rows);
            Matcher next = NEXT.matcher(page.body());
            if (next.find()) {
                path = next.group(1).replace("&amp;", "&");
                for (String kept : query.split("&")) {
                    assertThat(path).as("the next page keeps " + kept).contains(kept);
                }
                assertThat(path).contains("size=2");
            } else {
                path = null;
            }
        }
        assertThat(seen).isEqualTo(expected);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void theCustomerLookupSortsByEachColumnAndKeepsTheSearchWhilePaging() {
        var org = data.organization("Sorted Customers");
        String[][] people = {
            {"anna", "Zeta"},
            {"Bob", "alpha"},
            {"carl", "Alpha"},
            {"Dora", "beta"},
            {"eve", "Beta"},
            {"Finn", "alphorn"}
        };
        List<String> ids = new ArrayList<>();
        for (String[] p : people) {
            ids.add(CustomerTestSupport.create(
                    org.owner(), p[0], p[1], TestData.email(p[0].toLowerCase().charAt(0) + "c")));
        }
        org.owner().post("/api/v1/customers/" + ids.get(1) + "/disable").expect(200);
        org.owner().post("/api/v1/customers/" + ids.get(4) + "/disable").expect(200);
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        var list = new ListUnderTest(
                owner,
                "/customers",
                Pattern.compile("data-customer-id=\"([^\"]+)\""),
                "SELECT id::text FROM customer WHERE organization_id = :org",
                Map.of("org", org.id()),
                "");
        var columns = new LinkedHashMap<String, String>();
        columns.put("lastName", "lower(last_name), lower(first_name), id");
        columns.put("firstName", "lower(first_name), lower(last_name), id");
        columns.put("email", "lower(email), id");
        columns.put("status", "status, lower(last_name), lower(first_name), id");
        sortsEveryColumnBothWays(list, columns);
        assertThat(list.rows(""))
                .as("by last name when no sort is asked")
                .isEqualTo(truth(list, columns.get("lastName"), false));

        // the search, as typed: three characters use the trigram path, two the start of a field
        for (String q : List.of("lph", "al")) {
            var filtered = new ListUnderTest(
                    owner,
                    "/customers",
                    list.rowKey(),
                    "SELECT id::text FROM customer WHERE organization_id = :org AND (lower(first_name) LIKE :any"
                            + " OR lower(last_name) LIKE :any OR lower(email) LIKE :any)"
                            + (q.length() < 3
                                    ? " AND (lower(first_name) LIKE :start OR lower(last_name) LIKE :start"
                                            + " OR lower(email) LIKE :start)"
                                    : ""),
                    Map.of("org", org.id(), "any", "%" + q + "%", "start", q + "%"),
                    "");
            List<String> expected = truth(filtered, columns.get("email"), true);
            assertThat(expected).hasSizeGreaterThan(2);
            pagesKeepTheFilterAndSort(filtered, "q=" + q + "&sort=-email", expected);
        }
        // the rows alone, as the search box asks for them while one types, keep the order and the size
        var typed = owner.get("/customers?q=lph&sort=firstName&size=10");
        assertThat(typed.body()).contains("sort=-firstName").contains("q=lph");
        refusesBadSortAndSize(owner, "/customers?q=lph");
    }

    @Test
    void aCustomersDevicesSortByEachColumnAndPage() {
        var org = data.organization("Sorted Devices");
        String customer = CustomerTestSupport.create(org.owner(), "Dev", "Ices", TestData.email("devices"));
        CustomerTestSupport.devices(
                org.owner(),
                customer,
                "Home,1 Road,boiler,SN-3,Zed,\n" + "Garage,2 Road,Alarm,SN-1,alpha,\n"
                        + "attic,3 Road,camera,SN-2,Beta,\n" + "Home,1 Road,Boiler,SN-4,zed,\n"
                        + "Garage,2 Road,door,SN-5,Alpha,\n");
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        var list = new ListUnderTest(
                owner,
                "/customers/" + customer,
                Pattern.compile("data-serial=\"([^\"]+)\""),
                "SELECT d.serial_number FROM device d LEFT JOIN customer_location l ON l.id = d.location_id"
                        + " WHERE d.organization_id = :org AND d.customer_id = :c",
                Map.of("org", org.id(), "c", UUID.fromString(customer)),
                "d.serial_number");
        var columns = new LinkedHashMap<String, String>();
        columns.put("name", "lower(d.name)");
        columns.put("serialNumber", "d.serial_number");
        columns.put("model", "lower(d.model)");
        columns.put("location", "lower(l.name)");
        sortsEveryColumnBothWays(list, columns);
        pagesKeepTheFilterAndSort(list, "sort=-model", truth(list, "lower(d.model)", true));
        refusesBadSortAndSize(owner, "/customers/" + customer);
    }

    @Test
    void ordersSortByEachColumnAndKeepTheStatusFilterWhilePaging() {
        var org = data.organization("Sorted Orders");
        List<String> ids = new ArrayList<>();
        for (int quantity : new int[] {30, 10, 20, 10, 50, 40}) {
            ids.add(org.owner()
                    .post("/api/v1/orders", Map.of("quantity", quantity))
                    .expect(201)
                    .json()
                    .get("id")
                    .asString());
        }
        data.operator().post("/api/v1/orders/" + ids.get(0) + "/cancel").expect(200);
        data.operator().post("/api/v1/orders/" + ids.get(3) + "/cancel").expect(200);
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        var list = new ListUnderTest(
                owner,
                "/orders",
                Pattern.compile("data-order=\"([^\"]+)\""),
                "SELECT number::text FROM sim_order WHERE organization_id = :org",
                Map.of("org", org.id()),
                "organization_id, number");
        var columns = new LinkedHashMap<String, String>();
        columns.put("number", "number");
        columns.put("quantity", "quantity");
        columns.put("total", "quantity * unit_price");
        columns.put("status", "status");
        columns.put("placedAt", "placed_at");
        columns.put("closedAt", "closed_at");
        sortsEveryColumnBothWays(list, columns);
        assertThat(list.rows("")).as("newest first when no sort is asked").isEqualTo(truth(list, "placed_at", true));

        var open = new ListUnderTest(
                owner, "/orders", list.rowKey(), list.sql() + " AND status = 'OPEN'", list.params(), list.tieBreak());
        pagesKeepTheFilterAndSort(open, "status=OPEN&sort=quantity", truth(open, "quantity", false));
        refusesBadSortAndSize(owner, "/orders?status=OPEN");
    }

    @Test
    void usersSortByEachColumnAndKeepTheSearchWhilePaging() {
        var org = data.organization("Sorted Users");
        data.activeUser(org.owner(), "ADMIN", TestData.email("zed-sorted"));
        data.activeUser(org.owner(), "READ_ONLY", TestData.email("amy-sorted"));
        data.activeUser(org.owner(), "STANDARD", TestData.email("Kim-sorted"));
        String nightShift = org.owner()
                .post("/api/v1/groups", Map.of("name", "Night shift SIMs"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        org.owner()
                .post(
                        "/api/v1/users",
                        Map.of(
                                "groupIds",
                                java.util.List.of(nightShift),
                                "firstName",
                                "Ivy",
                                "lastName",
                                "invited",
                                "email",
                                TestData.email("ivy-sorted"),
                                "role",
                                "GROUP_USER",
                                "description",
                                "Night shift"))
                .expect(201);
        data.apiUser(org, "sorted" + UUID.randomUUID().toString().substring(0, 6));
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        var list = new ListUnderTest(
                owner,
                "/users",
                Pattern.compile("data-user-id=\"([^\"]+)\""),
                "SELECT id::text FROM app_user WHERE organization_id = :org",
                Map.of("org", org.id()),
                "id");
        var columns = new LinkedHashMap<String, String>();
        columns.put("name", "lower(last_name), lower(first_name)");
        columns.put("email", "lower(CASE WHEN email IS NULL THEN client_id ELSE email END)");
        columns.put(
                "role",
                "CASE role WHEN 'OWNER' THEN 0 WHEN 'ADMIN' THEN 1 WHEN 'STANDARD' THEN 2 WHEN 'GROUP_USER' THEN 3"
                        + " WHEN 'READ_ONLY' THEN 4 WHEN 'THIRD_PARTY' THEN 5 WHEN 'API_USER' THEN 6 END");
        columns.put("description", "lower(description)");
        columns.put("status", "status");
        columns.put(
                "lastSignIn",
                "CASE WHEN last_sign_in_at IS NULL THEN CAST('-infinity' AS timestamptz) ELSE last_sign_in_at END");
        sortsEveryColumnBothWays(list, columns);

        var searched = new ListUnderTest(
                owner,
                "/users",
                list.rowKey(),
                list.sql() + " AND (email ILIKE '%sorted%' OR client_id ILIKE '%sorted%')",
                list.params(),
                "id");
        pagesKeepTheFilterAndSort(searched, "q=sorted&sort=-role", truth(searched, columns.get("role"), true));
        refusesBadSortAndSize(owner, "/users?q=sorted");
    }

    @Test
    void organisationsSortByEachColumnAndPage() {
        var parent = data.organization("Sorted Parent");
        for (String name : List.of("zulu sub", "Alpha sub", "mike sub")) {
            data.subOrganization(parent, name);
        }
        // one whose Owner has not set a password yet: PENDING
        parent.owner()
                .post(
                        "/api/v1/organizations",
                        Map.of(
                                "name",
                                "bravo sub",
                                "owner",
                                Map.of("firstName", "Pat", "lastName", "Pending", "email", TestData.email("pending"))))
                .expect(201);
        var owner = data.console(parent.ownerEmail(), TestData.PASSWORD);
        var list = new ListUnderTest(
                owner,
                "/organizations",
                Pattern.compile("data-account=\"([^\"]+)\""),
                "SELECT account_number FROM organization WHERE id = :org OR parent_id = :org",
                Map.of("org", parent.id()),
                "account_number");
        var columns = new LinkedHashMap<String, String>();
        columns.put("account", "account_number");
        columns.put("name", "lower(name)");
        columns.put("status", "status");
        columns.put("createdAt", "created_at");
        sortsEveryColumnBothWays(list, columns);
        assertThat(list.rows("")).as("newest first").isEqualTo(truth(list, "created_at", true));
        assertThat(owner.get("/organizations?sort=name").body()).contains("New sub-organisation");
        pagesKeepTheFilterAndSort(list, "sort=-name", truth(list, "lower(name)", true));
        refusesBadSortAndSize(owner, "/organizations");
    }

    @Test
    void theAuditLogSortsByEachColumnAndKeepsItsFiltersWhilePaging() {
        var org = data.organization("Sorted Audit");
        for (int i = 0; i < 3; i++) {
            data.activeUser(org.owner(), "READ_ONLY", TestData.email("audited"));
        }
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        // a failed sign-in with a known address of the organisation is in its log
        new ConsoleSession(data.baseUrl()).signIn(org.ownerEmail(), "wrong-password-1");
        var list = new ListUnderTest(
                owner,
                "/audit",
                Pattern.compile("<tr data-id=\"([^\"]+)\""),
                "SELECT id::text FROM audit_event WHERE organization_id = :org",
                Map.of("org", org.id()),
                "");
        var columns = new LinkedHashMap<String, String>();
        columns.put("occurredAt", "occurred_at, id");
        columns.put("action", "action, occurred_at, id");
        columns.put("outcome", "outcome, occurred_at, id");
        sortsEveryColumnBothWays(list, columns);
        assertThat(list.rows("")).as("newest first").isEqualTo(truth(list, "occurred_at, id", true));

        var created = new ListUnderTest(
                owner, "/audit", list.rowKey(), list.sql() + " AND action = 'USER_CREATED'", list.params(), "");
        pagesKeepTheFilterAndSort(
                created, "action=USER_CREATED&sort=occurredAt", truth(created, "occurred_at, id", false));
        refusesBadSortAndSize(owner, "/audit?action=" + enc("USER_CREATED"));
    }
}
